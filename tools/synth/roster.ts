/**
 * Who can take part in a meeting on a given day: the holders of a country's offices that
 * day (found through a country × year × tier index of tenures), or, less often, an office
 * the source names without its holder, a national organization, or a person without office.
 */
import type { ParticipantRole } from '../../src/domain/vocabularies';
import type { OrganizationRecord } from '../../src/store/contract/records';
import { partsOf } from './calendar';
import { cumulativeWeights, type SynthCountry } from './geography';
import { LEADER, MINISTER, OFFICIAL, type SynthOffice, type Tier } from './offices';
import type { SynthOrganizations } from './organizations';
import type { SynthPerson, SynthTenure } from './people';
import type { Rng } from './random';

/** A participant before it is cited: who, in which capacity, and how text names them. */
export interface PlannedParticipant {
  person: SynthPerson | null;
  office: SynthOffice | null;
  tenure: SynthTenure | null;
  organization: OrganizationRecord | null;
  country: SynthCountry;
  role: ParticipantRole;
  label: string | null;
  /** How the text names the participant: "France's Foreign Minister Jean Dupont". */
  phrase: string;
  /** How a title names the participant: "Jean Dupont". */
  short: string;
}

const FIRST_YEAR = 1985;
const YEARS = 45;
const TIERS = 3;

/** The people, offices and organizations meetings draw their participants from. */
export class Roster {
  private readonly buckets: SynthTenure[][];
  private readonly withoutOffice: SynthPerson[][];
  private readonly organizations: OrganizationRecord[][];
  /** Countries that have at least one person, and running totals of their weights. */
  readonly active: SynthCountry[];
  readonly activeWeights: Float64Array;

  constructor(countries: readonly SynthCountry[], people: readonly SynthPerson[], tenures: readonly SynthTenure[], organizations: SynthOrganizations) {
    this.buckets = Array.from({ length: countries.length * YEARS * TIERS }, () => []);
    for (const tenure of tenures) {
      const last = partsOf(tenure.to).year;
      for (let year = partsOf(tenure.from).year; year <= last && year < FIRST_YEAR + YEARS; year++) {
        this.buckets[this.key(tenure.office.country.index, year, tenure.office.tier)]!.push(tenure);
      }
    }
    this.withoutOffice = countries.map(() => []);
    const anyone: SynthPerson[][] = countries.map(() => []);
    for (const person of people) {
      anyone[person.country.index]!.push(person);
      if (!person.holdsOffice) this.withoutOffice[person.country.index]!.push(person);
    }
    anyone.forEach((list, i) => {
      if (this.withoutOffice[i]!.length === 0) this.withoutOffice[i] = list;
    });
    this.organizations = organizations.national.map((orgs) =>
      [orgs.foreignMinistry, orgs.government, orgs.legislature, ...orgs.ministries.values()].filter((org) => org !== undefined),
    );
    this.active = countries.filter((country) => anyone[country.index]!.length > 0);
    this.activeWeights = cumulativeWeights(this.active.map((country) => country.weight));
  }

  private key(country: number, year: number, tier: Tier): number {
    return (country * YEARS + (year - FIRST_YEAR)) * TIERS + tier;
  }

  /** An active country drawn by weight. */
  drawCountry(rng: Rng): SynthCountry {
    return this.active[rng.weightedIndex(this.activeWeights)]!;
  }

  /**
   * Someone of `country` for a meeting on `day`, preferably at `tier`, not yet in `taken`
   * (slugs of the meeting's people, offices and organizations, which this adds to).
   */
  pick(rng: Rng, country: SynthCountry, day: number, tier: Tier, role: ParticipantRole, taken: Set<string>): PlannedParticipant | null {
    const roll = rng.next();
    if (roll < 0.07) {
      const organization = this.pickOrganization(rng, country, taken);
      if (organization) return organization(role);
    }
    if (roll >= 0.07 && roll < 0.1) {
      const person = this.pickWithoutOffice(rng, country, taken, role);
      if (person) return person;
    }
    const tenure = this.pickTenure(rng, country, day, tier, taken);
    if (tenure) {
      if (roll >= 0.1 && roll < 0.16) {
        // The source names the office, not who held it.
        return { person: null, office: tenure.office, tenure: null, organization: null, country, role, label: tenure.office.phrase, phrase: tenure.office.phrase, short: tenure.office.phrase };
      }
      taken.add(tenure.person.record.slug);
      return { person: tenure.person, office: tenure.office, tenure, organization: null, country, role, label: null, phrase: tenure.phrase, short: tenure.person.record.name };
    }
    return this.pickWithoutOffice(rng, country, taken, role) ?? this.pickOrganization(rng, country, taken)?.(role) ?? null;
  }

  /** Like `pick`, but never null: when everyone of the country is taken, someone appears twice. */
  pickSurely(rng: Rng, country: SynthCountry, day: number, tier: Tier, role: ParticipantRole, taken: Set<string>): PlannedParticipant {
    return this.pick(rng, country, day, tier, role, taken) ?? this.pickWithoutOffice(rng, country, new Set(), role)!;
  }

  private pickTenure(rng: Rng, country: SynthCountry, day: number, tier: Tier, taken: Set<string>): SynthTenure | null {
    const year = partsOf(day).year;
    for (const t of [tier, tier === OFFICIAL ? MINISTER : OFFICIAL, tier === LEADER ? MINISTER : LEADER]) {
      const bucket = this.buckets[this.key(country.index, year, t)]!;
      for (let tries = 0; tries < Math.min(8, bucket.length * 2); tries++) {
        const tenure = rng.pick(bucket);
        if (tenure.from <= day && day <= tenure.to && !taken.has(tenure.person.record.slug) && !taken.has(tenure.office.record.slug)) {
          taken.add(tenure.office.record.slug);
          return tenure;
        }
      }
    }
    return null;
  }

  private pickOrganization(rng: Rng, country: SynthCountry, taken: Set<string>): ((role: ParticipantRole) => PlannedParticipant) | null {
    const candidates = this.organizations[country.index]!;
    if (candidates.length === 0) return null;
    const organization = rng.pick(candidates);
    if (taken.has(organization.slug)) return null;
    taken.add(organization.slug);
    const label = `${organization.kind === 'LEGISLATURE' ? 'members' : rng.pick(['officials', 'representatives'])} of the ${organization.name}`;
    return (role) => ({ person: null, office: null, tenure: null, organization, country, role, label, phrase: label, short: organization.name });
  }

  private pickWithoutOffice(rng: Rng, country: SynthCountry, taken: Set<string>, role: ParticipantRole): PlannedParticipant | null {
    const pool = this.withoutOffice[country.index]!;
    let person = rng.pick(pool);
    for (let tries = 0; tries < 4 && taken.has(person.record.slug); tries++) person = rng.pick(pool);
    if (taken.has(person.record.slug)) return null;
    taken.add(person.record.slug);
    const phrase = `${person.record.name} of ${country.name}`;
    return { person, office: null, tenure: null, organization: null, country, role, label: null, phrase, short: person.record.name };
  }
}
