/**
 * Checks a data set as a whole: unique slugs, references that resolve to a record of
 * the right type, quotes found verbatim in their source's text, and no cycles in
 * parent chains. Record shapes are checked earlier, by the zod schemas of `records.ts`.
 */
import type { DataProblem } from './data-problem';
import { ENTITY_FILES, ENTITY_TYPES, type CitationRecord, type Dataset, type EntityType, type RecordOf } from './records';

type Reference = [field: string, type: EntityType, slug: string | null];

/** The references a record makes, with the field path of each. */
function referencesOf<T extends EntityType>(type: T, record: RecordOf[T]): Reference[] {
  const r = record as RecordOf[EntityType];
  switch (type) {
    case 'Country': {
      const c = r as RecordOf['Country'];
      return [['capital', 'Place', c.capital]];
    }
    case 'Place':
      return [['country', 'Country', (r as RecordOf['Place']).country]];
    case 'Organization': {
      const o = r as RecordOf['Organization'];
      return [
        ['country', 'Country', o.country],
        ['parent', 'Organization', o.parent],
        ...o.memberCountries.map((slug, i): Reference => [`memberCountries.${i}`, 'Country', slug]),
      ];
    }
    case 'Person':
      return [['country', 'Country', (r as RecordOf['Person']).country]];
    case 'Office': {
      const o = r as RecordOf['Office'];
      return [
        ['organization', 'Organization', o.organization],
        ['country', 'Country', o.country],
      ];
    }
    case 'Tenure': {
      const t = r as RecordOf['Tenure'];
      return [
        ['person', 'Person', t.person],
        ['office', 'Office', t.office],
      ];
    }
    case 'Topic':
      return [['parent', 'Topic', (r as RecordOf['Topic']).parent]];
    case 'Source': {
      const s = r as RecordOf['Source'];
      return [
        ['publisher', 'Organization', s.publisher],
        ['dateline', 'Place', s.dateline],
        ...s.cites.map((slug, i): Reference => [`cites.${i}`, 'Source', slug]),
      ];
    }
    case 'Meeting': {
      const m = r as RecordOf['Meeting'];
      return [
        ['location', 'Place', m.location],
        ['format', 'Organization', m.format],
        ['partOf', 'Meeting', m.partOf],
        ...m.countries.map((slug, i): Reference => [`countries.${i}`, 'Country', slug]),
        ...m.participants.flatMap((p, i): Reference[] => [
          [`participants.${i}.person`, 'Person', p.person],
          [`participants.${i}.office`, 'Office', p.office],
          [`participants.${i}.organization`, 'Organization', p.organization],
          [`participants.${i}.country`, 'Country', p.country],
        ]),
        ...m.topics.map((t, i): Reference => [`topics.${i}.topic`, 'Topic', t.topic]),
      ];
    }
  }
  return [];
}

/** Every citation of a record, with its field path. */
function citationsOf(record: object, path = ''): [string, CitationRecord][] {
  const found: [string, CitationRecord][] = [];
  for (const [key, value] of Object.entries(record)) {
    const field = path ? `${path}.${key}` : key;
    if (key === 'citations' && Array.isArray(value)) {
      value.forEach((citation: CitationRecord, i) => found.push([`${field}.${i}`, citation]));
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (item && typeof item === 'object') found.push(...citationsOf(item, `${field}.${i}`));
      });
    } else if (value && typeof value === 'object') {
      found.push(...citationsOf(value, field));
    }
  }
  return found;
}

/** What loading already reported, so that one bad record or file is reported once, not at every reference to it. */
export interface SkippedRecords {
  /** Records left out for their shape, by type: references to them count as resolved. */
  invalidSlugs?: ReadonlyMap<EntityType, ReadonlySet<string>>;
  /** Types whose whole file could not be read: references into them are not checked. */
  unreadableTypes?: ReadonlySet<EntityType>;
}

/** Finds every cross-record problem among records of valid shape. */
export function validateDataset(data: Dataset, skip: SkippedRecords = {}): DataProblem[] {
  const { invalidSlugs, unreadableTypes } = skip;
  const problems: DataProblem[] = [];
  const slugs = new Map<EntityType, Set<string>>();
  for (const type of ENTITY_TYPES) {
    const seen = new Set<string>();
    for (const record of data[type]) {
      if (seen.has(record.slug)) {
        problems.push({ file: ENTITY_FILES[type].file, record: record.slug, field: 'slug', message: `duplicate slug: another ${type} already has it` });
      }
      seen.add(record.slug);
    }
    slugs.set(type, new Set([...seen, ...(invalidSlugs?.get(type) ?? [])]));
  }

  const sources = new Map(data.Source.map((source) => [source.slug, source]));
  for (const type of ENTITY_TYPES) {
    const file = ENTITY_FILES[type].file;
    for (const record of data[type] as RecordOf[EntityType][]) {
      for (const [field, target, slug] of referencesOf(type, record)) {
        if (slug !== null && !unreadableTypes?.has(target) && !slugs.get(target)!.has(slug)) {
          problems.push({ file, record: record.slug, field, message: `unknown ${target} ${JSON.stringify(slug)}: no record in ${ENTITY_FILES[target].file} has this slug` });
        }
      }
      for (const [field, citation] of citationsOf(record)) {
        const source = sources.get(citation.source);
        if (!source && (unreadableTypes?.has('Source') || invalidSlugs?.get('Source')?.has(citation.source))) continue;
        if (!source) {
          problems.push({ file, record: record.slug, field: `${field}.source`, message: `unknown Source ${JSON.stringify(citation.source)}: no record in sources.json has this slug` });
          continue;
        }
        const text = data.texts.get(source.slug);
        // A text file that could not be read was reported once, by its source.
        if (text === undefined && source.textFile !== null) continue;
        if (text === undefined) {
          problems.push({ file, record: record.slug, field: `${field}.source`, message: `Source ${JSON.stringify(source.slug)} has no text in the data directory, so the quote cannot be checked` });
        } else if (!text.includes(citation.quote)) {
          problems.push({ file, record: record.slug, field: `${field}.quote`, message: `quote not found verbatim in Source ${JSON.stringify(source.slug)}: ${JSON.stringify(abbreviate(citation.quote))}` });
        }
      }
    }
  }

  problems.push(...cycles(data.Topic, 'Topic', (t) => t.parent, 'parent'));
  problems.push(...cycles(data.Organization, 'Organization', (o) => o.parent, 'parent'));
  problems.push(...cycles(data.Meeting, 'Meeting', (m) => m.partOf, 'partOf'));

  const places = new Map(data.Place.map((place) => [place.slug, place]));
  for (const country of data.Country) {
    const capital = country.capital === null ? undefined : places.get(country.capital);
    if (capital && capital.country !== country.slug) {
      problems.push({ file: 'countries.json', record: country.slug, field: 'capital', message: `Place ${JSON.stringify(capital.slug)} lies in ${JSON.stringify(capital.country)}, not in this country` });
    }
  }
  const isoCodes = new Map<string, string>();
  for (const country of data.Country) {
    const other = isoCodes.get(country.isoCode);
    if (other) problems.push({ file: 'countries.json', record: country.slug, field: 'isoCode', message: `duplicate ISO code ${country.isoCode}: Country ${JSON.stringify(other)} has it too` });
    isoCodes.set(country.isoCode, country.slug);
  }
  for (const meeting of data.Meeting) {
    meeting.participants.forEach((participant, i) => {
      if (!meeting.countries.includes(participant.country)) {
        problems.push({ file: 'meetings.json', record: meeting.slug, field: `participants.${i}.country`, message: `Country ${JSON.stringify(participant.country)} is not among the meeting's countries` });
      }
    });
  }
  return problems;
}

function cycles<R extends { slug: string }>(records: readonly R[], type: EntityType, parentOf: (record: R) => string | null, field: string): DataProblem[] {
  const bySlug = new Map(records.map((record) => [record.slug, record]));
  const problems: DataProblem[] = [];
  for (const record of records) {
    const seen = new Set([record.slug]);
    let parent = parentOf(record);
    while (parent !== null) {
      if (seen.has(parent)) {
        if (parent === record.slug) {
          problems.push({ file: ENTITY_FILES[type].file, record: record.slug, field, message: `${field} chain loops back to this ${type}` });
        }
        break;
      }
      seen.add(parent);
      const next = bySlug.get(parent);
      parent = next ? parentOf(next) : null;
    }
  }
  return problems;
}

function abbreviate(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
