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

/** One record to write, with its place in the data set (null: after every record, from `entity_position_seq`). */
export interface RecordRow {
  type: EntityType;
  record: AnyRecord;
  position: number | null;
}

/** Inserts the records and everything derived from them (none may exist yet). */
export async function insertRecords(client: PoolClient, rows: readonly RecordRow[]): Promise<void> {
  if (rows.length === 0) return;
  const entity = { type: [] as string[], slug: [] as string[], position: [] as (number | null)[], record: [] as string[], earliest: [] as (string | null)[], latest: [] as (string | null)[], dated: [] as boolean[], words: [] as (string | null)[], name: [] as (string | null)[], aliases: [] as (string | null)[] };
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
  // One statement (one round trip): the entity rows and what derives from them, as data-modifying CTEs.
  await client.query(
    `WITH entities AS (
       INSERT INTO entity (type, slug, position, record, during, words, name_vector, name_text)
       SELECT t, s, COALESCE(p, nextval('entity_position_seq')), r::json,
              CASE WHEN d THEN daterange(e::date, l::date, '[]') END,
              CASE WHEN w IS NOT NULL THEN array_to_tsvector(ARRAY(SELECT json_array_elements_text(w::json))) END,
              CASE WHEN n IS NOT NULL THEN setweight(to_tsvector('simple', fold_text(n)), 'A') || setweight(to_tsvector('simple', fold_text(a)), 'B') END,
              CASE WHEN n IS NOT NULL THEN fold_text(n || ' ' || a) END
       FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::text[], $9::text[], $10::text[]) AS x(t, s, p, r, e, l, d, w, n, a)
     ), sort_keys AS (
       INSERT INTO entity_key (type, order_field, key, slug)
       SELECT t, o, ARRAY(SELECT json_array_elements_text(k::json)), s FROM unnest($11::text[], $12::text[], $13::text[], $14::text[]) AS x(t, o, k, s)
     ), postings AS (
       INSERT INTO entity_value (type, field, value, slug) SELECT * FROM unnest($15::text[], $16::text[], $17::text[], $18::text[])
     )
     INSERT INTO entity_reference (target_type, target_slug, type, slug) SELECT * FROM unnest($19::text[], $20::text[], $21::text[], $22::text[]) ON CONFLICT DO NOTHING`,
    [
      entity.type, entity.slug, entity.position, entity.record, entity.earliest, entity.latest, entity.dated, entity.words, entity.name, entity.aliases,
      keys.type, keys.order, keys.key, keys.slug,
      values.type, values.field, values.value, values.slug,
      references.targetType, references.targetSlug, references.type, references.slug,
    ],
  );
}

/** The change feed's columns of `entries`, as the arrays `unnest` reads (see CHANGE_ROWS). */
function changeColumns(entries: readonly ChangeEntry[]): unknown[] {
  return [
    entries.map((entry) => entry.seq),
    entries.map((entry) => entry.at),
    entries.map((entry) => entry.operation),
    entries.map((entry) => entry.type),
    entries.map((entry) => entry.slug),
    entries.map((entry) => (entry.record === null ? null : JSON.stringify(entry.record))),
  ];
}

/** The change feed rows of the first six parameters (changeColumns). */
const CHANGE_ROWS = 'INSERT INTO change (seq, at, operation, type, slug, record) SELECT s, a, o, t, g, r::json FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS x(s, a, o, t, g, r)';

/** Appends to the change feed, each change with its record (see `ChangeEntry`). */
export async function insertChanges(client: PoolClient, entries: readonly ChangeEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await client.query(CHANGE_ROWS, changeColumns(entries));
}

/**
 * A commit's last statement, in one round trip: appends `entries` to the change feed, drops
 * what the feed no longer keeps (seqs up to `keepAfter`), sets the data version (the last
 * entry's seq) and the counts, and announces the version on `channel` (delivered when the
 * transaction commits).
 */
export async function recordCommit(client: PoolClient, entries: readonly ChangeEntry[], keepAfter: number, counts: Partial<Record<EntityType, number>>, channel: string): Promise<void> {
  const version = entries.at(-1)!.seq;
  await client.query(
    `WITH appended AS (${CHANGE_ROWS}),
          dropped AS (DELETE FROM change WHERE seq <= $7),
          state AS (UPDATE store_state SET version = $8, counts = $9)
     SELECT pg_notify($10, $11)`,
    [...changeColumns(entries), keepAfter, version, JSON.stringify(counts), channel, String(version)],
  );
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
