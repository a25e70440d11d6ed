/**
 * The embedded store: a data directory of JSON files, loaded, validated and indexed
 * in memory. Every read is served from the indexes built here.
 */
import MiniSearch from 'minisearch';
import { chronologicalKey } from '../domain/fuzzy-date';
import { foldText } from '../domain/fold-text';
import { loadDataset } from './load-dataset';
import { ENTITY_TYPES, type Dataset, type EntityType, type RecordOf } from './records';
import type { Entity, FindQuery, FindResult, SearchHit, Store } from './store';
import { Table, type TableSpec } from './table';

const byName = (record: { name: string }) => [foldText(record.name)];
const nameAndAliases = (record: { name: string; aliases: readonly string[] }) => [record.name, ...record.aliases].join(' ');

/** How each entity type is indexed. */
const SPECS: { [T in EntityType]: TableSpec<RecordOf[T]> } = {
  Country: {
    indexes: { isoCode: (c) => [c.isoCode] },
    orders: { NAME: byName, ISO_CODE: (c) => [c.isoCode] },
    text: (c) => `${nameAndAliases(c)} ${c.isoCode}`,
  },
  Place: {
    indexes: { country: (p) => [p.country] },
    orders: { NAME: byName },
    text: nameAndAliases,
  },
  Organization: {
    indexes: {
      country: (o) => [o.country],
      kind: (o) => [o.kind],
      parent: (o) => [o.parent],
      memberCountry: (o) => o.memberCountries,
    },
    orders: { NAME: byName },
    text: nameAndAliases,
  },
  Person: {
    indexes: { country: (p) => [p.country] },
    orders: { NAME: byName },
    text: nameAndAliases,
  },
  Office: {
    indexes: { country: (o) => [o.country], organization: (o) => [o.organization] },
    orders: { TITLE: (o) => [foldText(o.title)] },
    text: (o) => o.title,
  },
  Tenure: {
    indexes: { person: (t) => [t.person], office: (t) => [t.office] },
    orders: { START: (t) => [t.start?.earliest ?? t.start?.latest ?? '', t.start?.latest ?? t.start?.earliest ?? ''] },
  },
  Topic: {
    indexes: { parent: (t) => [t.parent] },
    orders: { NAME: byName },
    text: nameAndAliases,
  },
  Source: {
    indexes: { kind: (s) => [s.kind], publisher: (s) => [s.publisher] },
    orders: { PUBLISHED_ON: (s) => [s.publishedOn ?? ''], TITLE: (s) => [foldText(s.title)] },
    text: (s) => s.title,
    date: (s) => (s.publishedOn === null ? null : { label: s.publishedOn, earliest: s.publishedOn, latest: s.publishedOn, precision: 'DAY' }),
  },
  Meeting: {
    indexes: {
      country: (m) => m.countries,
      participant: (m) => m.participants.map((p) => p.person).filter((slug) => slug !== null),
      office: (m) => m.participants.map((p) => p.office).filter((slug) => slug !== null),
      organization: (m) => [m.format, ...m.participants.map((p) => p.organization)].filter((slug) => slug !== null),
      topic: (m) => m.topics.map((t) => t.topic),
      kind: (m) => [m.kind],
      partOf: (m) => [m.partOf],
      location: (m) => [m.location],
    },
    orders: { DATE: (m) => chronologicalKey(m.date), TITLE: (m) => [foldText(m.title)] },
    text: (m) => `${m.title} ${m.summary}`,
    date: (m) => m.date,
  },
};

/** Names, aliases and titles: what `search` matches. */
function searchableText(type: EntityType, record: RecordOf[EntityType]): { name: string; aliases: string } | null {
  switch (type) {
    case 'Tenure':
      return null;
    case 'Office':
    case 'Source':
    case 'Meeting':
      return { name: (record as { title: string }).title, aliases: '' };
    case 'Country': {
      const country = record as RecordOf['Country'];
      return { name: country.name, aliases: [...country.aliases, country.isoCode].join(' ') };
    }
    default: {
      const named = record as { name: string; aliases: string[] };
      return { name: named.name, aliases: named.aliases.join(' ') };
    }
  }
}

interface SearchDocument {
  id: string;
  type: EntityType;
  slug: string;
  name: string;
  aliases: string;
}

export class JsonStore implements Store {
  readonly version = 1;
  private readonly tables: { [T in EntityType]: Table<Entity<T>> };
  private readonly names: MiniSearch<SearchDocument>;

  private constructor(data: Dataset) {
    const tables = {} as Record<EntityType, Table<Entity>>;
    for (const type of ENTITY_TYPES) {
      const records = (data[type] as RecordOf[EntityType][]).map((record) => tagged(type, record));
      tables[type] = new Table(records, SPECS[type] as TableSpec<Entity>);
    }
    this.tables = tables as JsonStore['tables'];

    this.names = new MiniSearch<SearchDocument>({
      fields: ['name', 'aliases'],
      storeFields: ['type', 'slug', 'name', 'aliases'],
      processTerm: foldText,
      searchOptions: { boost: { name: 2 }, prefix: true, fuzzy: 0.2, combineWith: 'AND' },
    });
    for (const type of ENTITY_TYPES) {
      for (const record of data[type] as RecordOf[EntityType][]) {
        const text = searchableText(type, record);
        if (text) this.names.add({ id: `${type}:${record.slug}`, type, slug: record.slug, ...text });
      }
    }
  }

  /** Loads, validates and indexes a data directory; throws DataValidationError naming every problem. */
  static async open(directory: string): Promise<JsonStore> {
    return new JsonStore(await loadDataset(directory));
  }

  async getMany<T extends EntityType>(type: T, slugs: readonly string[]): Promise<(Entity<T> | null)[]> {
    const table = this.tables[type] as Table<Entity<T>>;
    return slugs.map((slug) => table.get(slug));
  }

  async findMany<T extends EntityType>(type: T, queries: readonly FindQuery<T>[]): Promise<FindResult<T>[]> {
    const table = this.tables[type] as Table<Entity<T>>;
    return queries.map((query) => table.find(query as never));
  }

  async search(query: string, limit: number): Promise<SearchHit[]> {
    const folded = foldText(query.trim()).replace(/\s+/g, ' ');
    if (folded === '') return [];
    const hits = this.names.search(query).map((hit) => {
      const name = foldText(hit.name as string);
      const aliases = foldText(hit.aliases as string);
      // Whole-name matches first, then names that begin with the query, then the rest by relevance.
      const bonus = name === folded ? 1000 : name.startsWith(folded) ? 100 : aliases.split(/\s+/).includes(folded) ? 50 : 0;
      return { type: hit.type as EntityType, slug: hit.slug as string, score: hit.score + bonus };
    });
    hits.sort((a, b) => b.score - a.score || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
    return hits.slice(0, limit).map((hit) => ({ entity: this.tables[hit.type].get(hit.slug)!, score: hit.score }));
  }

  async counts(): Promise<Record<EntityType, number>> {
    return Object.fromEntries(ENTITY_TYPES.map((type) => [type, this.tables[type].size])) as Record<EntityType, number>;
  }
}

/** Freezes a record and tags it with its type, invisibly to JSON.stringify. */
function tagged<T extends EntityType>(type: T, record: RecordOf[T]): Entity<T> {
  Object.defineProperty(record, '__typename', { value: type, enumerable: false });
  return Object.freeze(record) as Entity<T>;
}
