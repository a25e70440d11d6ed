/**
 * A write to the PostgreSQL store, validated by exactly the rules of the JSON store: the
 * same WorkingSet runs over the records this write needs, fetched from the database
 * inside the write's transaction. What it needs is found by running it: a read of a
 * record, text or referrer list not fetched yet is noted, the batch is fetched, and the
 * changes run again until a run reads nothing new (each round only adds records, so this
 * ends; a write usually takes two or three rounds of one query per type).
 */
import type { PoolClient } from 'pg';
import type { EntityType, RecordOf } from '../contract/records';
import type { ChangeRequest } from '../contract/store';
import { WorkingSet, type AppliedChange, type WorkingBase } from '../contract/working-set';

type AnyRecord = RecordOf[EntityType];

/** Rounds of fetching before a write is given up as a fault (each round fetches at least one new key). */
const MAX_ROUNDS = 100;

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

/**
 * What the writes of one group commit read alike: every country (each write validates
 * against all of them), fetched once for the group, and again after a write of the group
 * changed a country (`changed`).
 */
export class GroupReads {
  private countries: AnyRecord[] | null = null;

  async countriesOn(client: PoolClient): Promise<AnyRecord[]> {
    if (this.countries === null) {
      const { rows } = await client.query<{ record: AnyRecord }>("SELECT record FROM entity WHERE type = 'Country' ORDER BY position");
      this.countries = rows.map((row) => row.record);
    }
    return this.countries;
  }

  /** After a write of the group: what it changed is read again. */
  changed(applied: readonly AppliedChange[]): void {
    if (applied.some((change) => change.type === 'Country')) this.countries = null;
  }
}

/** The records a write has fetched, and what its last run read that was not fetched. */
class FetchedBase implements WorkingBase {
  private readonly fetched = new Map<EntityType, Map<string, AnyRecord | null>>();
  private readonly missing = new Map<EntityType, Set<string>>();
  private readonly referrerLists = new Map<string, Map<EntityType, AnyRecord[]>>();
  private readonly missingReferrers = new Set<string>();
  private countries: AnyRecord[] = [];
  readonly texts = new FetchedTexts();

  constructor(
    private readonly client: PoolClient,
    private readonly group: GroupReads,
  ) {}

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
    return this.countries;
  }

  referrers(from: EntityType, type: EntityType, slug: string): readonly AnyRecord[] {
    const key = `${type}\u0000${slug}`;
    const lists = this.referrerLists.get(key);
    if (!lists) {
      this.missingReferrers.add(key);
      return [];
    }
    return lists.get(from) ?? [];
  }

  get hasMissing(): boolean {
    return this.missing.size > 0 || this.missingReferrers.size > 0 || this.texts.missing.size > 0;
  }

  async fetchCountries(): Promise<void> {
    this.countries = await this.group.countriesOn(this.client);
    const map = this.mapOf('Country');
    for (const country of this.countries) map.set(country.slug, country);
  }

  /** Fetches everything the last run read and did not have. */
  async fetchMissing(): Promise<void> {
    for (const [type, slugs] of this.missing) {
      const map = this.mapOf(type);
      for (const slug of slugs) map.set(slug, null);
      const { rows } = await this.client.query<{ record: AnyRecord }>('SELECT record FROM entity WHERE type = $1 AND slug = ANY($2::text[])', [type, [...slugs]]);
      for (const { record } of rows) map.set(record.slug, record);
    }
    this.missing.clear();
    if (this.texts.missing.size > 0) {
      const slugs = [...this.texts.missing];
      const { rows } = await this.client.query<{ slug: string; text: string }>('SELECT slug, text FROM source_text WHERE slug = ANY($1::text[])', [slugs]);
      for (const slug of slugs) this.texts.known.add(slug);
      for (const { slug, text } of rows) this.texts.set(slug, text);
      this.texts.missing.clear();
    }
    for (const key of this.missingReferrers) {
      const [type, slug] = key.split('\u0000') as [EntityType, string];
      const { rows } = await this.client.query<{ type: EntityType; record: AnyRecord }>(
        `SELECT e.type, e.record FROM entity_reference r JOIN entity e ON e.type = r.type AND e.slug = r.slug
         WHERE r.target_type = $1 AND r.target_slug = $2 ORDER BY e.type, e.position`,
        [type, slug],
      );
      const lists = new Map<EntityType, AnyRecord[]>();
      for (const row of rows) (lists.get(row.type) ?? lists.set(row.type, []).get(row.type)!).push(row.record);
      this.referrerLists.set(key, lists);
    }
    this.missingReferrers.clear();
  }

  private mapOf(type: EntityType): Map<string, AnyRecord | null> {
    let map = this.fetched.get(type);
    if (!map) this.fetched.set(type, (map = new Map()));
    return map;
  }
}

/**
 * Validates and applies `changes` as the JSON store would, reading through `client` (in the
 * write's transaction; what its group of writes reads alike through `group`); returns the
 * applied changes, or throws WriteRejectedError or EntityNotFoundError as the JSON store does.
 */
export async function applyChanges(client: PoolClient, changes: readonly ChangeRequest[], group = new GroupReads()): Promise<AppliedChange[]> {
  const base = new FetchedBase(client, group);
  await base.fetchCountries();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let outcome: { applied: AppliedChange[] } | { error: unknown };
    try {
      outcome = { applied: new WorkingSet(base).applyAll(changes) };
    } catch (error) {
      outcome = { error };
    }
    // A run that read nothing unfetched saw exactly what the database holds: its outcome stands.
    if (!base.hasMissing) {
      if ('error' in outcome) throw outcome.error;
      return outcome.applied;
    }
    await base.fetchMissing();
  }
  throw new Error(`a write still needed more records after ${MAX_ROUNDS} rounds of fetching`);
}
