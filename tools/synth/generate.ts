/**
 * A synthetic data set in the shape of `data/`, deterministic in its options: the same
 * seed and meeting count always give the same records and texts. Pure: it reads and
 * writes no files (see `cli.ts`).
 */
import type { Dataset } from '../../src/store/contract/records';
import { generateGeography } from './geography';
import { MeetingPlanner } from './meeting-plan';
import { generateOffices } from './offices';
import { generateOrganizations } from './organizations';
import { generatePeople, generateTenures } from './people';
import { Rng } from './random';
import { Roster } from './roster';
import { scaleFor } from './scale';
import { writeSources } from './sources';
import { generateTopics } from './topics';

/** What to generate. */
export interface SynthOptions {
  /** Number of meetings, at least 1. */
  meetings: number;
  /** Seed of every random draw. */
  seed: number;
}

/** The seed used when none is given. */
export const DEFAULT_SEED = 20261128;

/** Generates a whole valid data set: every record type, and the full text of every source. */
export function generateDataset({ meetings, seed }: SynthOptions): Dataset {
  if (!Number.isSafeInteger(meetings) || meetings < 1) throw new RangeError(`meetings must be a positive integer, got ${meetings}`);
  const rng = new Rng(seed);
  const scale = scaleFor(meetings);
  const { countries, places } = generateGeography(rng, scale.places);
  const organizations = generateOrganizations(rng, countries, scale.organizations);
  const offices = generateOffices(rng, countries, organizations, scale.offices);
  const people = generatePeople(rng, countries, scale.people, offices);
  const tenures = generateTenures(rng, offices, people);
  const topics = generateTopics(rng, scale.topics);
  const roster = new Roster(countries, people, tenures, organizations);
  const clusters = new MeetingPlanner(rng, roster, topics, organizations.groupings).plan(meetings);
  // Sources tell meetings in date order; a visit and the meetings during it stay together.
  const ordered = clusters.map((cluster, i) => ({ cluster, i })).sort((a, b) => a.cluster[0]!.first - b.cluster[0]!.first || a.i - b.i);
  const written = writeSources(
    rng,
    ordered.map(({ cluster }) => cluster),
    scale.meetingsPerSource,
    { outlets: organizations.outlets, national: organizations.national, people, tenures },
  );
  return {
    Country: countries.map((country) => country.record),
    Place: places,
    Organization: organizations.records,
    Person: people.map((person) => person.record),
    Office: offices.map((office) => office.record),
    Tenure: tenures.map((tenure) => tenure.record),
    Topic: topics,
    Source: written.sources,
    Meeting: written.meetings,
    texts: written.texts,
  };
}
