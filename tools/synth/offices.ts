/**
 * Offices (posts) of each country, most important first: head of state and government,
 * ministers, then deputies, ambassadors, envoys and directors — each tied to the
 * organization it belongs to when the corpus has that organization.
 */
import type { OfficeRecord, OrganizationRecord } from '../../src/store/contract/records';
import { MIN_QUOTE_WORDS, wordCount } from '../../src/store/contract/validate';
import { apportion, possessive, type SynthCountry } from './geography';
import { PORTFOLIOS, type Grouping, type NationalOrganizations, type SynthOrganizations } from './organizations';
import type { Rng } from './random';
import { SlugSet } from './slugs';

/** How senior an office is: who attends summits, ministerials, or anything else. */
export type Tier = 0 | 1 | 2;
export const LEADER: Tier = 0;
export const MINISTER: Tier = 1;
export const OFFICIAL: Tier = 2;

/** An office as the generator uses it. */
export interface SynthOffice {
  index: number;
  record: OfficeRecord;
  country: SynthCountry;
  tier: Tier;
  /** How text names the office: "France's Foreign Minister", "United States' Secretary of State". */
  phrase: string;
}

type Post = readonly [title: string, tier: Tier, organization: OrganizationRecord | undefined];

const REGIONS = ['Europe', 'Asia', 'Africa', 'the Americas', 'the Middle East', 'Central Asia', 'the Pacific', 'the Arctic', 'the Gulf', 'the Balkans'];

/** The posts of one country in the order the corpus creates them. */
function postsOf(country: SynthCountry, orgs: NationalOrganizations, groupings: readonly Grouping[], countries: readonly SynthCountry[], partners: readonly number[]): Post[] {
  const ministry = (key: string) => orgs.ministries.get(key) ?? orgs.government;
  const head: Post[] = [
    ['President', LEADER, orgs.executiveOffice ?? orgs.government],
    ['Foreign Minister', MINISTER, orgs.foreignMinistry],
    ['Prime Minister', LEADER, orgs.government],
    ['First Deputy Foreign Minister', MINISTER, orgs.foreignMinistry],
    ['Minister of Defence', MINISTER, ministry('defence')],
    ['Speaker of Parliament', LEADER, orgs.legislature],
    ['Deputy Foreign Minister', OFFICIAL, orgs.foreignMinistry],
    ['National Security Adviser', MINISTER, orgs.executiveOffice ?? orgs.government],
  ];
  const ministers: Post[] = PORTFOLIOS.slice(1).map(([key, name]) => [`Minister of ${name}`, MINISTER, ministry(key)]);
  const deputies: Post[] = PORTFOLIOS.map(([key, name]) => [`Deputy Minister of ${name}`, OFFICIAL, ministry(key)]);
  const ambassadors: Post[] = partners
    .filter((host) => host !== country.index)
    .map((host) => [`Ambassador to ${countries[host]!.name}`, OFFICIAL, orgs.embassies.get(host) ?? orgs.foreignMinistry]);
  const envoys: Post[] = REGIONS.flatMap((region): Post[] => [
    [`Special Envoy for ${region}`, OFFICIAL, orgs.foreignMinistry],
    [`Director of the Department of ${region}`, OFFICIAL, orgs.foreignMinistry],
  ]);
  const representatives: Post[] = groupings
    .filter((grouping) => grouping.members.includes(country.index))
    .map((grouping) => [`Permanent Representative to the ${grouping.record.name}`, OFFICIAL, orgs.foreignMinistry]);
  const consuls: Post[] = partners
    .filter((host) => host !== country.index)
    .map((host) => [`Consul General in ${countries[host]!.places[0]!.name}`, OFFICIAL, orgs.embassies.get(host) ?? orgs.foreignMinistry]);
  // Interleave so a country with few offices still gets a mix after its head posts.
  const posts: Post[] = [...head];
  const queues = [ministers, ambassadors, deputies, envoys, representatives, consuls];
  for (let i = 0; queues.some((queue) => i < queue.length); i++) {
    for (const queue of queues) if (i < queue.length) posts.push(queue[i]!);
  }
  return posts;
}

/** `total` offices spread over countries by weight. */
export function generateOffices(rng: Rng, countries: readonly SynthCountry[], organizations: SynthOrganizations, total: number): SynthOffice[] {
  const slugs = new SlugSet();
  const offices: SynthOffice[] = [];
  const partners = countries.map((c) => c.index).sort((a, b) => countries[b]!.weight - countries[a]!.weight);
  // The most active partners first, then the rest in a seeded order, so ambassadors differ between countries.
  const posts = countries.map((country, i) =>
    postsOf(country, organizations.national[i]!, organizations.groupings, countries, [...partners.slice(0, 12), ...rng.shuffle(partners.slice(12))]),
  );
  const counts = apportionWithin(total, countries.map((c) => c.weight), posts.map((list) => list.length));
  countries.forEach((country, i) => {
    for (const [title, tier, organization] of posts[i]!.slice(0, counts[i])) {
      const record: OfficeRecord = {
        slug: slugs.claim(`${country.record.slug} ${title}`),
        title,
        organization: organization?.slug ?? null,
        country: country.record.slug,
        citations: [],
      };
      offices.push({ index: offices.length, record, country, tier, phrase: officePhrase(country.name, title) });
    }
  });
  return offices;
}

/**
 * How text names an office: "Kazakhstan's President". A participant named by the office
 * alone is cited by this phrase, and a quote needs MIN_QUOTE_WORDS words ("Comoros'
 * President" has two): then "the President of Comoros".
 */
function officePhrase(countryName: string, title: string): string {
  const phrase = `${possessive(countryName)} ${title}`;
  return wordCount(phrase) >= MIN_QUOTE_WORDS ? phrase : `the ${title} of ${countryName}`;
}

/** Like `apportion`, but no item gets more than its capacity: the excess goes to the others, by weight. */
function apportionWithin(total: number, weights: readonly number[], capacity: readonly number[]): number[] {
  const counts = weights.map(() => 0);
  let left = Math.min(total, capacity.reduce((a, b) => a + b, 0));
  while (left > 0) {
    const open = weights.map((weight, i) => (counts[i]! < capacity[i]! ? weight : 0));
    const shares = apportion(left, open);
    shares.forEach((share, i) => {
      const given = Math.min(share, capacity[i]! - counts[i]!);
      counts[i]! += given;
      left -= given;
    });
  }
  return counts;
}
