/**
 * Organizations: news outlets, international organizations and diplomatic formats with
 * member countries, and each country's government, ministries, executive office,
 * legislature and embassies — the more active a country, the more of them it has.
 */
import type { OrganizationRecord } from '../../src/store/contract/records';
import { apportion, cumulativeWeights, type SynthCountry } from './geography';
import type { Rng } from './random';
import { SlugSet } from './slugs';

/** Ministries other than foreign affairs, by portfolio: the key offices use, and the name. */
export const PORTFOLIOS: readonly (readonly [key: string, name: string])[] = [
  ['defence', 'Defence'], ['trade', 'Trade'], ['energy', 'Energy'], ['finance', 'Finance'], ['economy', 'Economy'],
  ['interior', 'Internal Affairs'], ['justice', 'Justice'], ['health', 'Health'], ['education', 'Education'],
  ['agriculture', 'Agriculture'], ['environment', 'Environment'], ['culture', 'Culture'], ['transport', 'Transport'],
  ['labour', 'Labour'], ['digital', 'Digital Development'], ['emergencies', 'Emergency Situations'],
];

/** The organizations of one country that exist in the corpus (any may be missing in a small one). */
export interface NationalOrganizations {
  government?: OrganizationRecord;
  foreignMinistry?: OrganizationRecord;
  executiveOffice?: OrganizationRecord;
  legislature?: OrganizationRecord;
  ministries: Map<string, OrganizationRecord>;
  /** Embassies of this country, by the index of the host country. */
  embassies: Map<number, OrganizationRecord>;
}

/** An international organization or diplomatic format, with its members as country indexes. */
export interface Grouping {
  record: OrganizationRecord;
  members: number[];
}

/** Every organization, and the views the rest of the generator needs. */
export interface SynthOrganizations {
  records: OrganizationRecord[];
  national: NationalOrganizations[];
  groupings: Grouping[];
  outlets: OrganizationRecord[];
}

const REGIONS = ['Caspian', 'Black Sea', 'Baltic', 'Danube', 'Sahel', 'Andean', 'Pacific', 'Atlantic', 'Arctic', 'Indian Ocean', 'Mediterranean', 'Eurasian', 'Central Asian', 'Gulf', 'Great Lakes', 'Mekong', 'Nile Basin', 'Caribbean', 'Balkan', 'Nordic', 'Southern African', 'West African', 'East African', 'Amazon', 'Alpine', 'Adriatic', 'South Asian', 'Southeast Asian', 'Aral Sea', 'Red Sea'];
const THEMES = ['Economic', 'Security', 'Energy', 'Trade', 'Development', 'Water', 'Transport', 'Environmental', 'Health', 'Science'];
const IO_PATTERNS: readonly ((region: string, theme: string) => string)[] = [
  (r, t) => `Organization for ${t} Cooperation in the ${r} Region`,
  (r, t) => `${r} ${t} Council`,
  (r) => `${r} Development Bank`,
  (r) => `${r} Economic Community`,
  (r) => `Union of ${r} States`,
  (r) => `${r} Treaty Organization`,
  (r, t) => `${r} ${t} Commission`,
  (r, t) => `${r} Forum on ${t} Affairs`,
];
const OUTLET_SUFFIXES = ['Herald', 'Times', 'Post', 'Tribune', 'Gazette', 'Observer', 'Chronicle', 'Telegraph', 'Courier', 'Daily', 'Express', 'Monitor'];

/** `total` organizations over `countries`. */
export function generateOrganizations(rng: Rng, countries: readonly SynthCountry[], total: number): SynthOrganizations {
  const slugs = new SlugSet();
  const records: OrganizationRecord[] = [];
  const make = (name: string, kind: OrganizationRecord['kind'], country: SynthCountry | null, parent: OrganizationRecord | null, members: SynthCountry[] = []): OrganizationRecord => {
    const record: OrganizationRecord = {
      slug: slugs.claim(name),
      name,
      aliases: [],
      kind,
      country: country?.record.slug ?? null,
      parent: parent?.slug ?? null,
      memberCountries: members.map((member) => member.record.slug),
      citations: [],
    };
    records.push(record);
    return record;
  };
  const cumulative = cumulativeWeights(countries.map((c) => c.weight));
  const drawCountries = (count: number): SynthCountry[] => {
    const chosen = new Set<number>();
    for (let tries = 0; chosen.size < count && tries < count * 20; tries++) chosen.add(rng.weightedIndex(cumulative));
    return [...chosen].sort((a, b) => a - b).map((i) => countries[i]!);
  };

  const outletCount = Math.max(3, Math.round(total * 0.05));
  const ioCount = Math.max(2, Math.round(total * 0.025));
  const formatCount = Math.max(2, Math.round(total * 0.015));

  const outlets: OrganizationRecord[] = [];
  for (let i = 0; i < outletCount; i++) {
    const country = countries[rng.weightedIndex(cumulative)]!;
    const name = rng.chance(0.75)
      ? `${rng.pick(country.places).name} ${rng.pick(OUTLET_SUFFIXES)}`
      : `${country.name} ${rng.pick(['News Agency', 'Broadcasting Corporation', 'Press Service', 'Television'])}`;
    const outlet = make(name, 'NEWS_OUTLET', country, null);
    if (rng.chance(0.2)) outlet.aliases.push(name.split(' ').map((word) => word[0]).join('').toUpperCase());
    outlets.push(outlet);
  }

  const groupings: Grouping[] = [];
  const addGrouping = (record: OrganizationRecord, members: SynthCountry[]) => groupings.push({ record, members: members.map((m) => m.index) });
  for (let i = 0; i < ioCount; i++) {
    const members = drawCountries(rng.int(3, Math.min(40, countries.length)));
    const parent = groupings.length > 0 && rng.chance(0.2) ? rng.pick(groupings).record : null;
    const name = rng.pick(IO_PATTERNS)(rng.pick(REGIONS), rng.pick(THEMES));
    addGrouping(make(name, 'INTERNATIONAL_ORGANIZATION', null, parent, members), members);
  }
  for (let i = 0; i < formatCount; i++) {
    const outside = rng.int(1, 2);
    const members = drawCountries(rng.int(3, 7) + outside);
    const name = rng.chance(0.5) ? `${rng.pick(REGIONS)} ${members.length - outside}+${outside}` : `${rng.pick(REGIONS)} ${rng.pick(['Group', 'Quartet', 'Dialogue', 'Contact Group', 'Format'])}`;
    addGrouping(make(name, 'DIPLOMATIC_FORMAT', null, null, members), members);
  }

  const national: NationalOrganizations[] = countries.map(() => ({ ministries: new Map(), embassies: new Map() }));
  const seats = apportion(Math.max(0, total - records.length), countries.map((c) => c.weight));
  const partners = countries.map((c) => c.index).sort((a, b) => countries[b]!.weight - countries[a]!.weight);
  countries.forEach((country, i) => {
    const orgs = national[i]!;
    const name = country.name;
    const plan: (() => void)[] = [
      () => (orgs.government = make(`Government of ${name}`, 'GOVERNMENT', country, null)),
      () => (orgs.foreignMinistry = make(`Ministry of Foreign Affairs of ${name}`, 'MINISTRY', country, orgs.government ?? null)),
      () => (orgs.executiveOffice = make(`Office of the President of ${name}`, 'EXECUTIVE_OFFICE', country, null)),
      () => (orgs.legislature = make(`Parliament of ${name}`, 'LEGISLATURE', country, null)),
    ];
    PORTFOLIOS.forEach(([key, portfolio], k) => {
      plan.push(() => orgs.ministries.set(key, make(`Ministry of ${portfolio} of ${name}`, 'MINISTRY', country, orgs.government ?? null)));
      // Embassies in the most active partners interleave with the ministries.
      const host = partners[k];
      if (host !== undefined && host !== i) plan.push(embassy(host));
    });
    for (const host of partners.slice(PORTFOLIOS.length)) if (host !== i) plan.push(embassy(host));
    function embassy(host: number) {
      return () => void orgs.embassies.set(host, make(`Embassy of ${name} in ${countries[host]!.name}`, 'OTHER', country, orgs.foreignMinistry ?? null));
    }
    plan.slice(0, seats[i]).forEach((step) => step());
  });
  return { records, national, groupings, outlets };
}
