/**
 * The stored data an import or a draft is planned against, read through a store's reader
 * (a store, a view of one, or a request's loaders): every stored record, and the full texts
 * of the stored sources a bundle may quote: those its citations name (`source`,
 * `attributedTo`, by slug, title or name) and the stored article its `source` may be.
 * Other texts are not read: no quote of the bundle can be checked against them.
 */
import { ENTITY_TYPES, type EntityType, type RecordOf } from '../store/contract/records';
import { ORDER_FIELDS, type FindQuery, type StoreReader } from '../store/contract/store';
import { citedSources } from '../store/contract/validate';
import type { Bundle } from './bundle';
import type { ExistingData } from './import-bundle';
import { ReferenceResolver } from './reference-resolver';

/** What `storedData` reads with: pages of records and source texts, one version of the data. */
export type DataReader = Pick<StoreReader, 'findMany' | 'sourceTexts'>;

type StoredRecords = Omit<ExistingData, 'texts'>;

/** Every stored record, each type in its default order; with `bundle`, the texts of the stored sources it may quote. */
export async function storedData(reader: DataReader, bundle?: Bundle): Promise<ExistingData> {
  const lists = await Promise.all(ENTITY_TYPES.map((type) => everyRecord(reader, type)));
  const records = Object.fromEntries(ENTITY_TYPES.map((type, i) => [type, lists[i]])) as unknown as StoredRecords;
  if (bundle === undefined) return { ...records, texts: new Map() };
  const slugs = quotedSources(bundle, records.Source);
  const texts = await reader.sourceTexts(slugs);
  return { ...records, texts: new Map(slugs.flatMap((slug, i) => (texts[i] == null ? [] : [[slug, texts[i]!] as const]))) };
}

async function everyRecord<T extends EntityType>(reader: DataReader, type: T): Promise<RecordOf[T][]> {
  const query = { order: { field: ORDER_FIELDS[type][0], direction: 'ASC' }, first: null } as FindQuery<T>;
  const [page] = await reader.findMany(type, [query]);
  return page!.items.map((item) => item.entity);
}

/** The slugs of the stored sources whose texts the bundle's quotes may be checked against. */
function quotedSources(bundle: Bundle, sources: readonly RecordOf['Source'][]): string[] {
  const empty = Object.fromEntries(ENTITY_TYPES.map((type) => [type, []])) as unknown as StoredRecords;
  const resolver = new ReferenceResolver({ ...empty, Source: sources });
  const article = bundle.source;
  const references = [...citedSources(bundle), article.slug, article.title].filter((reference): reference is string => typeof reference === 'string');
  const slugs = new Set(references.flatMap((reference) => resolver.storedFind('Source', reference)));
  if (article.url !== null) for (const source of sources) if (source.url === article.url) slugs.add(source.slug);
  return [...slugs];
}
