/**
 * The PostgreSQL store's reads, each one query on a pool or on a request's transaction:
 * records by slug, name search, counts and the change feed (pages of records: find.ts).
 */
import { ENTITY_TYPES, type EntityType, type RecordOf } from '../contract/records';
import { ChangesExpiredError } from '../contract/change-feed';
import type { ChangeEvent, ChangePage, Entity, SearchHit } from '../contract/store';
import { tagged } from '../contract/tagged';
import { MIN_PREFIX_LENGTH } from '../keys/word-terms';
import type { Queryable } from './find';
import { withoutNul } from './rows';

type AnyRecord = RecordOf[EntityType];

/**
 * `search`: word-prefix matches of names and aliases first (a word shorter than
 * MIN_PREFIX_LENGTH only as a whole word); typo-tolerant (trigram) ones only to fill up to the limit.
 */
const SEARCH_SQL = `
  WITH q AS (
    SELECT (SELECT string_agg(quote_literal(lexeme) || CASE WHEN length(lexeme) >= ${MIN_PREFIX_LENGTH} THEN ':*' ELSE '' END, ' & ') FROM unnest(to_tsvector('simple', fold_text($1)))) AS words,
           fold_text($1) AS folded
  ),
  matched AS (
    SELECT e.type, e.slug, e.record, 1 + ts_rank(e.name_vector, q.words::tsquery, 2) AS score
    FROM entity e, q
    WHERE q.words IS NOT NULL AND e.name_vector @@ q.words::tsquery
    ORDER BY score DESC, e.slug LIMIT $2
  ),
  fuzzy AS (
    SELECT e.type, e.slug, e.record, word_similarity(q.folded, e.name_text) + similarity(q.folded, e.name_text) / 10 AS score
    FROM entity e, q
    WHERE (SELECT count(*) FROM matched) < $2
      AND q.folded <% e.name_text AND NOT EXISTS (SELECT 1 FROM matched m WHERE m.type = e.type AND m.slug = e.slug)
    ORDER BY score DESC, e.slug LIMIT $2
  )
  SELECT type, record, score FROM (SELECT * FROM matched UNION ALL SELECT * FROM fuzzy) hits
  ORDER BY score DESC, slug LIMIT $2`;
/** Records by slug, one result per slug in slug order (null when absent). */
export async function getManyOn<T extends EntityType>(db: Queryable, type: T, slugs: readonly string[]): Promise<(Entity<T> | null)[]> {
  // A slug with NUL (PostgreSQL text cannot hold one) names no record.
  const asked = slugs.filter((slug) => !slug.includes('\u0000'));
  if (asked.length === 0) return slugs.map(() => null);
  const { rows } = await db.query<{ record: RecordOf[T] }>('SELECT record FROM entity WHERE type = $1 AND slug = ANY($2::text[])', [type, asked]);
  const bySlug = new Map(rows.map(({ record }) => [record.slug, tagged(type, record)]));
  return slugs.map((slug) => bySlug.get(slug) ?? null);
}

/** Full texts of sources by slug, one per slug in order (null when none is held). */
export async function sourceTextsOn(db: Queryable, slugs: readonly string[]): Promise<(string | null)[]> {
  const asked = slugs.filter((slug) => !slug.includes('\u0000'));
  if (asked.length === 0) return slugs.map(() => null);
  const { rows } = await db.query<{ slug: string; text: string }>('SELECT slug, text FROM source_text WHERE slug = ANY($1::text[])', [asked]);
  const bySlug = new Map(rows.map(({ slug, text }) => [slug, text]));
  return slugs.map((slug) => bySlug.get(slug) ?? null);
}

/**
 * Every word of the query a word prefix of the name or an alias (accents and case folded
 * with unaccent), ranked by ts_rank (names above aliases, shorter names first); when fewer
 * than `limit` match so, names within a typo or two (trigram word similarity) follow.
 */
export async function searchOn(db: Queryable, query: string, limit: number): Promise<SearchHit[]> {
  const text = withoutNul(query);
  if (text.trim() === '' || limit <= 0) return [];
  const { rows } = await db.query<{ type: EntityType; record: AnyRecord; score: number }>(SEARCH_SQL, [text, limit]);
  return rows.map((row) => ({ entity: tagged(row.type, row.record), score: Number(row.score) }));
}

/** How many records of each type the data holds (kept in store_state by every write). */
export async function countsOn(db: Queryable): Promise<Record<EntityType, number>> {
  const { rows } = await db.query<{ counts: Partial<Record<EntityType, number>> }>('SELECT counts FROM store_state');
  const counts = rows[0]!.counts;
  return Object.fromEntries(ENTITY_TYPES.map((type) => [type, counts[type] ?? 0])) as Record<EntityType, number>;
}

/**
 * A page of the change feed: events after `after` (null: from the oldest kept) up to
 * `through` (default: the latest), at most `first`; ChangesExpiredError when the rows after
 * `after` are no longer all kept.
 */
export async function changesOn(db: Queryable, after: number | null, first: number, through?: number): Promise<ChangePage> {
  const { rows: state } = await db.query<{ version: string; oldest: string | null }>('SELECT version, (SELECT min(seq) FROM change) AS oldest FROM store_state');
  const version = Number(state[0]!.version);
  const oldest = state[0]!.oldest === null ? version + 1 : Number(state[0]!.oldest);
  const from = after ?? oldest - 1;
  if (from < oldest - 1) throw new ChangesExpiredError(from, oldest, version);
  const end = Math.max(0, Math.min(through ?? version, version));
  const start = Math.max(0, Math.min(from, end));
  const events = await eventsOn(db, start, end, first);
  return { events, hasNextPage: start + events.length < end, lastSeq: end };
}

/** The change events with a seq in (after, through], in order, at most `limit`. */
export async function eventsOn(db: Queryable, after: number, through: number, limit: number | null = null): Promise<ChangeEvent[]> {
  const { rows } = await db.query<{ seq: string; at: string; operation: ChangeEvent['operation']; type: EntityType; slug: string }>(
    'SELECT seq, at, operation, type, slug FROM change WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3',
    [after, through, limit],
  );
  return rows.map((row) => ({ seq: Number(row.seq), at: row.at, operation: row.operation, type: row.type, slug: row.slug }));
}
