/**
 * What the PostgreSQL store keeps beside each record, derived by the same code as the JSON
 * store's in-memory indexes (keys/: TABLE_SPECS through TableShape, wordTerms), so both stores filter, order
 * and match text alike: sort keys per order, posting values per indexed field (each with
 * the record's date range, so that a walk of a posting list tests dates without reading the
 * records), the date range, the words of the text filter, the name and aliases for search,
 * a meeting's summary for counting, and the records it refers to (deriveColumns). Writes insert them with
 * `unnest` in one statement; db:import COPYs them (transfer.ts), through the same SQL (DERIVED).
 */
import type { PoolClient } from 'pg';
import type { EntityType, RecordOf } from '../contract/records';
import { meetingSummary, type ChangeEntry } from '../contract/store';
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

/** The tables a record's rows go to. */
export type DerivedTable = 'entity' | 'entity_key' | 'entity_value' | 'entity_reference';

/**
 * How each table's rows are made from the columns `deriveColumns` computes: `inputs` names
 * and types those columns (an `unnest` of arrays, or a staging table COPY fills), `select`
 * turns them into the table's columns in SQL (what only PostgreSQL computes: tsvectors,
 * fold_text, text[] from a JSON array). A `select` of null keeps the columns as they are.
 */
export const DERIVED: Record<DerivedTable, { columns: string; inputs: readonly (readonly [string, string])[]; select: string | null }> = {
  entity: {
    columns: 'type, slug, position, record, during, words, name_vector, name_text, summary',
    inputs: [['t', 'text'], ['s', 'text'], ['p', 'bigint'], ['r', 'text'], ['d', 'daterange'], ['w', 'text'], ['n', 'text'], ['a', 'text'], ['m', 'text']],
    select: `t, s, COALESCE(p, nextval('entity_position_seq')), r::json, d,
              CASE WHEN w IS NOT NULL THEN array_to_tsvector(ARRAY(SELECT json_array_elements_text(w::json))) END,
              CASE WHEN n IS NOT NULL THEN setweight(to_tsvector('simple', fold_text(n)), 'A') || setweight(to_tsvector('simple', fold_text(a)), 'B') END,
              CASE WHEN n IS NOT NULL THEN fold_text(n || ' ' || a) END,
              m::jsonb`,
  },
  entity_key: {
    columns: 'type, order_field, key, slug',
    inputs: [['t', 'text'], ['o', 'text'], ['k', 'text'], ['s', 'text']],
    select: 't, o, ARRAY(SELECT json_array_elements_text(k::json)), s',
  },
  entity_value: {
    columns: 'type, field, value, slug, during',
    inputs: [['t', 'text'], ['f', 'text'], ['v', 'text'], ['s', 'text'], ['d', 'daterange']],
    select: null,
  },
  entity_reference: {
    columns: 'target_type, target_slug, type, slug',
    inputs: [['g', 'text'], ['h', 'text'], ['t', 'text'], ['s', 'text']],
    select: null,
  },
};

/** The rows of `table` from `source`, a row source whose columns are DERIVED[table].inputs (as `x`). */
export function derivedRows(table: DerivedTable, source: string): string {
  const { inputs, select } = DERIVED[table];
  return `SELECT ${select ?? '*'} FROM ${source} AS x(${inputs.map(([name]) => name).join(', ')})`;
}

/** Each table's input columns (DERIVED[table].inputs, in order) for `rows`: one array per column. */
export type DerivedColumns = Record<DerivedTable, unknown[][]>;

/**
 * What `rows` write to each table, column by column: the one derivation of a record's rows,
 * which writes (`insertRecords`) and `db:import` (COPY, transfer.ts) both use.
 */
export function deriveColumns(rows: readonly RecordRow[]): DerivedColumns {
  const columns = Object.fromEntries(Object.entries(DERIVED).map(([table, { inputs }]) => [table, inputs.map(() => [])])) as unknown as DerivedColumns;
  const [entityType, entitySlug, entityPosition, entityRecord, entityDuring, words, name, aliases, summary] = columns.entity;
  const [keyType, keyOrder, key, keySlug] = columns.entity_key;
  const [valueType, valueField, value, valueSlug, valueDuring] = columns.entity_value;
  const [targetTypes, targetSlugs, referenceType, referenceSlug] = columns.entity_reference;
  for (const { type, record, position } of rows) {
    const shape = SHAPES[type];
    const spec = shape.spec;
    entityType!.push(type);
    entitySlug!.push(record.slug);
    entityPosition!.push(position);
    entityRecord!.push(JSON.stringify(record));
    const during = spec.date ? dateRange(spec.date(record)) : null;
    entityDuring!.push(during);
    // A JSON array literal of the words: array_to_tsvector reads it back as text[].
    // Derived text without NUL, which PostgreSQL text cannot hold (the record itself is JSON, where it is escaped).
    words!.push(spec.text ? JSON.stringify(wordTerms(withoutNul(spec.text(record)))) : null);
    const names = spec.names?.(record);
    name!.push(names ? withoutNul(names.name) : null);
    aliases!.push(names ? withoutNul(names.aliases.join(' ')) : null);
    summary!.push(type === 'Meeting' ? JSON.stringify(meetingSummary(record as RecordOf['Meeting'])) : null);
    for (const order of shape.orderFields) {
      keyType!.push(type);
      keyOrder!.push(order);
      key!.push(JSON.stringify(shape.key(order, record).map(withoutNul)));
      keySlug!.push(record.slug);
    }
    for (const field of shape.fields) {
      for (const posting of shape.values(field, record)) {
        valueType!.push(type);
        valueField!.push(field);
        value!.push(posting === NULL_KEY ? NULL_VALUE : posting);
        valueSlug!.push(record.slug);
        valueDuring!.push(during);
      }
    }
    for (const [targetType, targetSlug] of targetsOf(type, record)) {
      targetTypes!.push(targetType);
      targetSlugs!.push(targetSlug);
      referenceType!.push(type);
      referenceSlug!.push(record.slug);
    }
  }
  return columns;
}

/**
 * The days a dated record may fall on, as a daterange literal (both bounds inclusive; an
 * unknown bound, or no date at all, open): what `during` holds and the date filters read.
 */
function dateRange(date: { earliest: string | null; latest: string | null } | null): string {
  const earliest = date?.earliest ?? null;
  const latest = date?.latest ?? null;
  return `${earliest === null ? '(' : `[${earliest}`},${latest === null ? ')' : `${latest}]`}`;
}

/** `unnest` of DERIVED[table].inputs as array parameters from $`first`. */
function unnestOf(table: DerivedTable, first: number): string {
  return `unnest(${DERIVED[table].inputs.map(([, type], i) => `$${first + i}::${type}[]`).join(', ')})`;
}

/** One statement (one round trip): the entity rows and what derives from them, as data-modifying CTEs. */
const INSERT_RECORDS = (() => {
  let parameter = 1;
  const from = (table: DerivedTable) => {
    const rows = derivedRows(table, unnestOf(table, parameter));
    parameter += DERIVED[table].inputs.length;
    return `INSERT INTO ${table} (${DERIVED[table].columns}) ${rows}`;
  };
  return `WITH entities AS (${from('entity')}), sort_keys AS (${from('entity_key')}), postings AS (${from('entity_value')})
     ${from('entity_reference')} ON CONFLICT DO NOTHING`;
})();

/** Inserts the records and everything derived from them (none may exist yet). */
export async function insertRecords(client: PoolClient, rows: readonly RecordRow[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = deriveColumns(rows);
  await client.query(INSERT_RECORDS, [...columns.entity, ...columns.entity_key, ...columns.entity_value, ...columns.entity_reference]);
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
