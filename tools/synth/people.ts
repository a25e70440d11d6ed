/**
 * People and their tenures: each office passes from holder to holder over the years
 * (1988 onwards), some people moving on to other offices of their country; the latest
 * holders are still in office (open-ended tenures). Start and end are stated at the
 * precisions sources give.
 */
import type { DatePrecision } from '../../src/domain/vocabularies';
import type { PersonRecord, TenureRecord } from '../../src/store/contract/records';
import { dayOf, LAST_DAY, stateDate } from './calendar';
import { apportion, type SynthCountry } from './geography';
import { LEADER, type SynthOffice } from './offices';
import type { Rng } from './random';
import { SlugSet } from './slugs';

/** A person as the generator uses it. */
export interface SynthPerson {
  index: number;
  record: PersonRecord;
  country: SynthCountry;
  /** Whether the person ever holds an office. */
  holdsOffice: boolean;
}

/** A tenure with its true (unblurred) days. */
export interface SynthTenure {
  record: TenureRecord;
  person: SynthPerson;
  office: SynthOffice;
  from: number;
  /** Last day in office; past LAST_DAY when still in office. */
  to: number;
  /** How text names the holder: "France's Foreign Minister Jean Dupont". */
  phrase: string;
}

const EARLIEST_TENURE = dayOf(1988, 1, 1);
const MIN_STATED = dayOf(1985, 1, 1);

const START_PRECISIONS: readonly (readonly [DatePrecision | null, number])[] = [
  ['DAY', 40], ['MONTH', 20], ['YEAR', 10], ['PART_OF_MONTH', 5], ['ON_OR_BEFORE', 17], ['ON_OR_AFTER', 3], [null, 5],
];
const END_PRECISIONS: readonly (readonly [DatePrecision | null, number])[] = [
  ['DAY', 42], ['MONTH', 20], ['YEAR', 10], ['PART_OF_MONTH', 5], ['ON_OR_AFTER', 10], ['ON_OR_BEFORE', 10], [null, 3],
];

/** `total` people spread over countries by weight, about one in seven never holding an office. */
export function generatePeople(rng: Rng, countries: readonly SynthCountry[], total: number, offices: readonly SynthOffice[]): SynthPerson[] {
  const slugs = new SlugSet();
  const people: SynthPerson[] = [];
  const officesPerCountry = countries.map(() => 0);
  for (const office of offices) officesPerCountry[office.country.index]! += 1;
  const counts = apportion(total, countries.map((c) => c.weight));
  countries.forEach((country, i) => {
    // A country with offices needs someone to hold them, even where its share rounds to nobody.
    const count = Math.max(counts[i]!, officesPerCountry[i]! > 0 ? 2 : 0);
    const faker = rng.fakerFor(country.locale);
    for (let k = 0; k < count; k++) {
      const sex = rng.chance(0.3) ? 'female' : 'male';
      const first = faker.person.firstName(sex);
      const last = faker.person.lastName(sex);
      const name = `${first} ${last}`;
      const aliases = rng.chance(0.08) ? [`${first.charAt(0)}. ${last}`] : [];
      const record: PersonRecord = { slug: slugs.claim(name, 'person'), name, aliases, country: country.record.slug, citations: [] };
      people.push({ index: people.length, record, country, holdsOffice: k < Math.ceil(count * 0.86) });
    }
  });
  return people;
}

interface Term {
  office: SynthOffice;
  from: number;
  to: number;
}

/** The holders of every office over time. */
export function generateTenures(rng: Rng, offices: readonly SynthOffice[], people: readonly SynthPerson[]): SynthTenure[] {
  const termsByCountry = new Map<number, Term[]>();
  for (const office of offices) {
    let from = rng.chance(0.85) ? EARLIEST_TENURE + rng.int(0, 12 * 365) : dayOf(2000, 1, 1) + rng.int(0, 20 * 365);
    const terms = termsByCountry.get(office.country.index) ?? [];
    termsByCountry.set(office.country.index, terms);
    while (from <= LAST_DAY) {
      const length = office.tier === LEADER ? rng.int(3 * 365, 9 * 365) : rng.int(400, 7 * 365);
      terms.push({ office, from, to: from + length });
      from += length + rng.int(1, 60);
    }
  }
  const peopleByCountry = new Map<number, SynthPerson[]>();
  for (const person of people) {
    const list = peopleByCountry.get(person.country.index) ?? [];
    list.push(person);
    peopleByCountry.set(person.country.index, list);
  }
  const slugs = new SlugSet();
  const tenures: SynthTenure[] = [];
  for (const [country, terms] of [...termsByCountry].sort((a, b) => a[0] - b[0])) {
    terms.sort((a, b) => a.from - b.from || a.office.index - b.office.index);
    const pool = peopleByCountry.get(country) ?? [];
    const unused = pool.filter((person) => person.holdsOffice);
    let nextUnused = 0;
    // People whose last term is over, with the day it ended, in the order they left office.
    const free: { person: SynthPerson; until: number }[] = [];
    const busyUntil = new Map<SynthPerson, number>();
    for (const term of terms) {
      let person: SynthPerson | undefined;
      const takeFree = () => {
        const at = free.findIndex((entry) => entry.until < term.from && busyUntil.get(entry.person) === entry.until);
        return at < 0 ? undefined : free.splice(at, 1)[0]!.person;
      };
      if (rng.chance(0.3)) person = takeFree();
      if (!person && nextUnused < unused.length) person = unused[nextUnused++];
      person ??= takeFree() ?? rng.pick(pool);
      busyUntil.set(person, term.to);
      free.push({ person, until: term.to });
      tenures.push(makeTenure(rng, slugs, person, term));
    }
  }
  return tenures;
}

function makeTenure(rng: Rng, slugs: SlugSet, person: SynthPerson, term: Term): SynthTenure {
  const startPrecision = rng.weighted(START_PRECISIONS);
  const endPrecision = term.to > LAST_DAY ? null : rng.weighted(END_PRECISIONS);
  const stated = (precision: DatePrecision | null, day: number) => (precision === null ? null : stateDate(precision, day, day, rng, MIN_STATED, LAST_DAY).record);
  const phrase = `${term.office.phrase} ${person.record.name}`;
  const record: TenureRecord = {
    slug: slugs.claim(`${person.record.slug}-as-${term.office.record.title}`),
    person: person.record.slug,
    office: term.office.record.slug,
    start: stated(startPrecision, term.from),
    end: stated(endPrecision, term.to),
    citations: [],
  };
  return { record, person, office: term.office, from: term.from, to: term.to, phrase };
}
