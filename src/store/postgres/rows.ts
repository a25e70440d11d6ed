/**
 * What the PostgreSQL store keeps beside each record, derived by the same code as the JSON
 * store's in-memory indexes (keys/: TABLE_SPECS through TableShape, wordTerms), so both stores filter, order
 * and match text alike: sort keys per order, posting values per indexed field, the date
 * range, the words of the text filter, the name and aliases for search, and the records
 * it refers to. Rows are written in batches with `unnest`, one statement per table.
 */
import type { PoolClient } from 'pg';
import type { EntityType, RecordOf } from '../contract/records';
import type { ChangeEntry } from '../contract/store';
import { citedSources, referencesOf } from '../contract/validate';
import { NULL_KEY, TableShape } from '../keys/table-shape';
import { TABLE_SPECS } from '../keys/table-specs';
import { wordTerms } from '../keys/word-terms';

type AnyRecord = RecordOf[EntityType];

/** The posting value of a missing reference (PostgreSQL text cannot hold the JSON store's NUL marker). */
export const NULL_VALUE = '';

/** The text without NUL characters, which PostgreSQL text cannot hold (no slug or word contains one). */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replace(/\u0000/g, ' ') : text;
}

const SHAPES = Object.fromEntries(Object.entries(TABLE_SPECS).map(([type, spec]) => [type, new TableShape(spec as never)])) as Record<EntityType, TableShape<AnyRecord>>;

export function shapeOf(type: EntityType): TableShape<AnyRecord> {
  return SHAPES[type];
}

/** One record to write, with its place in the data set. */
export interface RecordRow {
  type: EntityType;
  record: AnyRecord;
  position: number;
}

/** Inserts the records and everything derived from them (none may exist yet). */
export async function insertRecords(client: PoolClient, rows: readonly RecordRow[]): Promise<void> {
  if (rows.length === 0) return;
  const entity = { type: [] as string[], slug: [] as string[], position: [] as number[], record: [] as string[], earliest: [] as (string | null)[], latest: [] as (string | null)[], dated: [] as boolean[], words: [] as (string | null)[], name: [] as (string | null)[], aliases: [] as (string | null)[] };
  const keys = { type: [] as string[], order: [] as string[], key: [] as string[], slug: [] as string[] };
  const values = { type: [] as string[], field: [] as string[], value: [] as string[], slug: [] as string[] };
  const references = { targetType: [] as string[], targetSlug: [] as string[], type: [] as string[], slug: [] as string[] };
  for (const { type, record, position } of rows) {
    const shape = SHAPES[type];
    const spec = shape.spec;
    entity.type.push(type);
    entity.slug.push(record.slug);
    entity.position.push(position);
    entity.record.push(JSON.stringify(record));
    const date = spec.date ? spec.date(record) : undefined;
    entity.dated.push(spec.date !== undefined);
    entity.earliest.push(date?.earliest ?? null);
    entity.latest.push(date?.latest ?? null);
    // A JSON array literal of the words: array_to_tsvector reads it back as text[].
    // Derived text without NUL, which PostgreSQL text cannot hold (the record itself is JSON, where it is escaped).
    entity.words.push(spec.text ? JSON.stringify(wordTerms(withoutNul(spec.text(record)))) : null);
    const names = spec.names?.(record);
    entity.name.push(names ? withoutNul(names.name) : null);
    entity.aliases.push(names ? withoutNul(names.aliases.join(' ')) : null);
    for (const order of shape.orderFields) {
      keys.type.push(type);
      keys.order.push(order);
      keys.key.push(JSON.stringify(shape.key(order, record).map(withoutNul)));
      keys.slug.push(record.slug);
    }
    for (const field of shape.fields) {
      for (const value of shape.values(field, record)) {
        values.type.push(type);
        values.field.push(field);
        values.value.push(value === NULL_KEY ? NULL_VALUE : value);
        values.slug.push(record.slug);
      }
    }
    for (const [targetType, targetSlug] of targetsOf(type, record)) {
      references.targetType.push(targetType);
      references.targetSlug.push(targetSlug);
      references.type.push(type);
      references.slug.push(record.slug);
    }
  }
  await client.query(
    `INSERT INTO entity (type, slug, position, record, during, words, name_vector, name_text)
     SELECT t, s, p, r::json,
            CASE WHEN d THEN daterange(e::date, l::date, '[]') END,
            CASE WHEN w IS NOT NULL THEN array_to_tsvector(ARRAY(SELECT json_array_elements_text(w::json))) END,
            CASE WHEN n IS NOT NULL THEN setweight(to_tsvector('simple', fold_text(n)), 'A') || setweight(to_tsvector('simple', fold_text(a)), 'B') END,
            CASE WHEN n IS NOT NULL THEN fold_text(n || ' ' || a) END
     FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::text[], $9::text[], $10::text[]) AS x(t, s, p, r, e, l, d, w, n, a)`,
    [entity.type, entity.slug, entity.position, entity.record, entity.earliest, entity.latest, entity.dated, entity.words, entity.name, entity.aliases],
  );
  await client.query(
    `INSERT INTO entity_key (type, order_field, key, slug)
     SELECT t, o, ARRAY(SELECT json_array_elements_text(k::json)), s FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(t, o, k, s)`,
    [keys.type, keys.order, keys.key, keys.slug],
  );
  if (values.type.length > 0) {
    await client.query(`INSERT INTO entity_value (type, field, value, slug) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`, [values.type, values.field, values.value, values.slug]);
  }
  if (references.type.length > 0) {
    await client.query(
      `INSERT INTO entity_reference (target_type, target_slug, type, slug) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
      [references.targetType, references.targetSlug, references.type, references.slug],
    );
  }
}

/** Appends to the change feed, each change with its record (see `ChangeEntry`). */
export async function insertChanges(client: PoolClient, entries: readonly ChangeEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await client.query('INSERT INTO change (seq, at, operation, type, slug, record) SELECT s, a, o, t, g, r::json FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS x(s, a, o, t, g, r)', [
    entries.map((entry) => entry.seq),
    entries.map((entry) => entry.at),
    entries.map((entry) => entry.operation),
    entries.map((entry) => entry.type),
    entries.map((entry) => entry.slug),
    entries.map((entry) => (entry.record === null ? null : JSON.stringify(entry.record))),
  ]);
}

/** The distinct records a record refers to: its references and the sources it cites. */
export function targetsOf(type: EntityType, record: AnyRecord): [EntityType, string][] {
  const seen = new Set<string>();
  const targets: [EntityType, string][] = [];
  const add = (target: EntityType, slug: string) => {
    const key = `${target}\u0000${slug}`;
    if (seen.has(key)) return;
    seen.add(key);
    targets.push([target, slug]);
  };
  for (const [, target, slug] of referencesOf(type, record)) if (slug !== null) add(target, slug);
  for (const slug of citedSources(record)) add('Source', slug);
  return targets;
}
