/**
 * A group of writes to the PostgreSQL store, validated by exactly the rules of the JSON
 * store and written in a few statements for the whole group.
 *
 * Validation (`validateGroup`): one WorkingSet runs the group's writes in order, as the
 * JSON store's group commit does, over the records they need, fetched from the database
 * inside the group's transaction. Each write sees the ones before it (the working set's
 * overlay); one that is refused rolls back alone. What the writes need is found by running
 * them: a read of a record, text, referrer list or of every country not fetched yet is
 * noted, everything the whole run missed is fetched at once (one query per kind of read,
 * sent together), and the group runs again until a run reads nothing new. Each round only adds what the
 * database holds, so this ends; a group of writes usually takes two runs and one round of
 * fetching, however many writes it holds. Only the last run counts: it read exactly what
 * the database holds, so each write's outcome is the one it would have had alone after
 * the writes before it.
 *
 * Writing (`writeGroup`): the records as the group leaves them (the working set's final
 * state of each slug) replace what the database held, in one DELETE and one INSERT of
 * every table's rows (rows.ts), whatever the number of writes, sent together.
 */
import type { PoolClient } from 'pg';
import type { EntityType, RecordOf } from '../contract/records';
import type { ChangeRequest } from '../contract/store';
import { WorkingSet, type AppliedChange, type WorkingBase } from '../contract/working-set';
import { EntityNotFoundError, WriteRejectedError } from '../contract/write-errors';
import { insertRecords, type RecordRow } from './rows';

type AnyRecord = RecordOf[EntityType];

/** Rounds of fetching per write of a group before the group is given up as a fault (each round fetches at least one new key). */
const MAX_ROUNDS_PER_WRITE = 100;

/** One write of a group, as validated: its applied changes, or why it was refused. */
export type WriteOutcome = { applied: AppliedChange[] } | { rejected: WriteRejectedError | EntityNotFoundError };

/** A validated group: each write's outcome, and the records as the accepted writes leave them. */
export interface ValidatedGroup {
  outcomes: WriteOutcome[];
  working: WorkingSet;
  /** Where a record the group wrote stood in the data set (null: the database held none), as its validation fetched it. */
  positionOf(type: EntityType, slug: string): number | null;
}

/** Texts of sources fetched so far; a read of one not fetched is noted. */
class FetchedTexts extends Map<string, string> {
  readonly known = new Set<string>();
  readonly missing = new Set<string>();

  override get(slug: string): string | undefined {
    if (!this.known.has(slug)) this.missing.add(slug);
    return super.get(slug);
  }

  override has(slug: string): boolean {
    return this.get(slug) !== undefined;
  }
}

/** `type` and `slug` as one map key. */
const keyOf = (type: EntityType, slug: string) => `${type}\u0000${slug}`;

/** The records a group has fetched, and what its last run read that was not fetched. */
class FetchedBase implements WorkingBase {
  private readonly fetched = new Map<EntityType, Map<string, AnyRecord | null>>();
  /** The data-set position of each record fetched. */
  private readonly positions = new Map<string, number>();
  private readonly missing = new Map<EntityType, Set<string>>();
  private readonly referrerLists = new Map<string, Map<EntityType, AnyRecord[]>>();
  private readonly missingReferrers = new Set<string>();
  /** Every country, in data-set order: fetched only when a write asks (a country's ISO code, a capital's place). */
  private countries: AnyRecord[] | null = null;
  private countriesMissing = false;
  readonly texts = new FetchedTexts();

  constructor(private readonly client: PoolClient) {}

  get(type: EntityType, slug: string): AnyRecord | null | undefined {
    const known = this.fetched.get(type);
    if (known?.has(slug)) return known.get(slug) ?? null;
    let slugs = this.missing.get(type);
    if (!slugs) this.missing.set(type, (slugs = new Set()));
    slugs.add(slug);
    return undefined;
  }

  records(type: EntityType): readonly AnyRecord[] {
    if (type !== 'Country') throw new Error(`a write asked for every ${type}: only countries are read whole`);
    if (this.countries === null) this.countriesMissing = true;
    return this.countries ?? [];
  }

  referrers(from: EntityType, type: EntityType, slug: string): readonly AnyRecord[] {
    const key = keyOf(type, slug);
    const lists = this.referrerLists.get(key);
    if (!lists) {
      this.missingReferrers.add(key);
      return [];
    }
    return lists.get(from) ?? [];
  }

  get hasMissing(): boolean {
    return this.missing.size > 0 || this.missingReferrers.size > 0 || this.texts.missing.size > 0 || this.countriesMissing;
  }

  /**
   * Where `type`/`slug` stands in the data set (null: the database holds no such record).
   * Every record a group writes was read by its last run (a write reads a record before it
   * changes it), so its position was fetched.
   */
  positionOf(type: EntityType, slug: string): number | null {
    if (!this.fetched.get(type)?.has(slug)) throw new Error(`a write changed ${type} ${JSON.stringify(slug)} without reading it first`);
    return this.positions.get(keyOf(type, slug)) ?? null;
  }

  /** Fetches everything the last run read and did not have: one query per kind of read, sent together. */
  async fetchMissing(): Promise<void> {
    await settledInOrder([this.fetchRecords(), this.fetchCountries(), this.fetchTexts(), this.fetchReferrers()]);
  }

  private async fetchRecords(): Promise<void> {
    if (this.missing.size > 0) {
      const types: EntityType[] = [];
      const slugs: string[] = [];
      for (const [type, missing] of this.missing) {
        const map = this.mapOf(type);
        for (const slug of missing) {
          map.set(slug, null);
          types.push(type);
          slugs.push(slug);
        }
      }
      this.missing.clear();
      const { rows } = await this.client.query<{ type: EntityType; record: AnyRecord; position: string }>(
        'SELECT e.type, e.record, e.position FROM unnest($1::text[], $2::text[]) AS k(type, slug) JOIN entity e ON e.type = k.type AND e.slug = k.slug',
        [types, slugs],
      );
      for (const row of rows) this.keep(row.type, row.record, row.position);
    }
  }

  private async fetchCountries(): Promise<void> {
    if (this.countriesMissing) {
      this.countriesMissing = false;
      const { rows } = await this.client.query<{ record: AnyRecord; position: string }>("SELECT record, position FROM entity WHERE type = 'Country' ORDER BY position");
      this.countries = rows.map((row) => row.record);
      for (const row of rows) this.keep('Country', row.record, row.position);
    }
  }

  private async fetchTexts(): Promise<void> {
    if (this.texts.missing.size > 0) {
      const slugs = [...this.texts.missing];
      this.texts.missing.clear();
      const { rows } = await this.client.query<{ slug: string; text: string }>('SELECT slug, text FROM source_text WHERE slug = ANY($1::text[])', [slugs]);
      for (const slug of slugs) this.texts.known.add(slug);
      for (const { slug, text } of rows) this.texts.set(slug, text);
    }
  }

  private async fetchReferrers(): Promise<void> {
    if (this.missingReferrers.size > 0) {
      const targets = [...this.missingReferrers].map((key) => key.split('\u0000') as [EntityType, string]);
      for (const key of this.missingReferrers) this.referrerLists.set(key, new Map());
      this.missingReferrers.clear();
      const { rows } = await this.client.query<{ target_type: EntityType; target_slug: string; type: EntityType; record: AnyRecord }>(
        `SELECT r.target_type, r.target_slug, e.type, e.record
         FROM unnest($1::text[], $2::text[]) AS k(type, slug)
         JOIN entity_reference r ON r.target_type = k.type AND r.target_slug = k.slug
         JOIN entity e ON e.type = r.type AND e.slug = r.slug
         ORDER BY r.target_type, r.target_slug, e.type, e.position`,
        [targets.map(([type]) => type), targets.map(([, slug]) => slug)],
      );
      for (const row of rows) {
        const lists = this.referrerLists.get(keyOf(row.target_type, row.target_slug))!;
        (lists.get(row.type) ?? lists.set(row.type, []).get(row.type)!).push(row.record);
      }
    }
  }

  private keep(type: EntityType, record: AnyRecord, position: string): void {
    this.mapOf(type).set(record.slug, record);
    this.positions.set(keyOf(type, record.slug), Number(position));
  }

  private mapOf(type: EntityType): Map<string, AnyRecord | null> {
    let map = this.fetched.get(type);
    if (!map) this.fetched.set(type, (map = new Map()));
    return map;
  }
}

/**
 * Validates each write of a group after the ones before it, as the JSON store would,
 * reading through `client` (in the group's transaction); a write refused with
 * WriteRejectedError or EntityNotFoundError is refused alone. Any other error is a fault
 * and fails the group.
 */
export async function validateGroup(client: PoolClient, writes: readonly (readonly ChangeRequest[])[]): Promise<ValidatedGroup> {
  const base = new FetchedBase(client);
  for (let round = 0; round < MAX_ROUNDS_PER_WRITE * writes.length; round++) {
    const working = new WorkingSet(base);
    const outcomes = writes.map((changes): WriteOutcome | { fault: unknown } => {
      try {
        return { applied: working.applyAll(changes) };
      } catch (error) {
        return error instanceof WriteRejectedError || error instanceof EntityNotFoundError ? { rejected: error } : { fault: error };
      }
    });
    // A run that read nothing unfetched saw exactly what the database holds: its outcomes stand.
    if (!base.hasMissing) {
      const fault = outcomes.find((outcome) => 'fault' in outcome);
      if (fault) throw fault.fault;
      return { outcomes: outcomes as WriteOutcome[], working, positionOf: (type, slug) => base.positionOf(type, slug) };
    }
    await base.fetchMissing();
  }
  throw new Error(`a group of ${writes.length} writes still needed more records after ${MAX_ROUNDS_PER_WRITE * writes.length} rounds of fetching`);
}

/**
 * Writes what a validated group changed: every record it wrote, as the group leaves it,
 * replaces the database's (with what derives from it), and the texts of the sources it
 * created or deleted. A record the database held and the group updated keeps its place in
 * the data set; a created or re-created one goes after the others, in the order the group
 * created them, as in the JSON store (the working set's `changes` and `recreated`).
 *
 * The statements are all sent at once (none needs another's answer: the places were
 * fetched with the records) and run in order; settles when every one has.
 */
export function writeGroup(client: PoolClient, { outcomes, working, positionOf }: ValidatedGroup): Promise<void> {
  const held: [EntityType, string][] = [];
  const rows: RecordRow[] = [];
  for (const [type, records] of working.changes) {
    for (const [slug, record] of records) {
      const position = positionOf(type, slug);
      if (position !== null) held.push([type, slug]);
      if (record === null) continue;
      // null: the next position (rows.ts), taken in the order of the rows.
      rows.push({ type, record, position: working.recreated.get(type)?.has(slug) ? null : position });
    }
  }
  const statements: Promise<unknown>[] = [];
  if (held.length > 0) {
    // Removing a record removes what derives from it (ON DELETE CASCADE).
    statements.push(
      client.query('DELETE FROM entity e USING unnest($1::text[], $2::text[]) AS k(type, slug) WHERE e.type = k.type AND e.slug = k.slug', [
        held.map(([type]) => type),
        held.map(([, slug]) => slug),
      ]),
    );
  }
  statements.push(insertRecords(client, rows), ...writeTexts(client, outcomes));
  return settledInOrder(statements);
}

/**
 * Waits for statements sent together on one connection and fails with the first that
 * failed in the order they were sent: once one fails, the transaction is aborted and the
 * later ones fail for that alone (their errors may even arrive first).
 */
export async function settledInOrder(statements: readonly Promise<unknown>[]): Promise<void> {
  for (const outcome of await Promise.allSettled(statements)) if (outcome.status === 'rejected') throw outcome.reason;
}

/** The source texts as the accepted writes leave them: a created source's text set, a deleted source's removed. */
function writeTexts(client: PoolClient, outcomes: readonly WriteOutcome[]): Promise<unknown>[] {
  const texts = new Map<string, string | null>();
  for (const outcome of outcomes) {
    if (!('applied' in outcome)) continue;
    for (const change of outcome.applied) {
      if (change.type === 'Source' && change.operation === 'delete') texts.set(change.slug, null);
      if (change.text !== undefined) texts.set(change.slug, change.text);
    }
  }
  const removed = [...texts].flatMap(([slug, text]) => (text === null ? [slug] : []));
  const set = [...texts].flatMap(([slug, text]) => (text === null ? [] : [[slug, text] as const]));
  const statements: Promise<unknown>[] = [];
  if (removed.length > 0) statements.push(client.query('DELETE FROM source_text WHERE slug = ANY($1::text[])', [removed]));
  if (set.length > 0) {
    statements.push(
      client.query('INSERT INTO source_text (slug, text) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (slug) DO UPDATE SET text = EXCLUDED.text', [
        set.map(([slug]) => slug),
        set.map(([, text]) => text),
      ]),
    );
  }
  return statements;
}
