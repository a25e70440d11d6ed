/**
 * How long posting lists are, roughly (counted up to MAX_COUNTED), so that a filtered page
 * walks its shortest posting list and probes the others for each record on it (find.ts).
 * A page's statement is prepared once per connection, and the plan PostgreSQL keeps for it
 * is made without the values: it takes every posting list for a few rows long, and may
 * then merge a person's 262 meetings with a topic's 49,000, reading all of them. The
 * sizes only choose an order, never an answer, so a count from another version serves;
 * a value not counted yet is counted in the background, outside any request's
 * transaction, and the page that met it keeps the order the filter gave.
 */
import { LRUCache } from 'lru-cache';
import { SHORT_POSTING_LIST, type Queryable } from './find';

/** Posting lists are counted up to this: longer ones are all long (find.ts reads a filter on a short one apart). */
const MAX_COUNTED = SHORT_POSTING_LIST;
/** Sizes kept at most (a few tens of bytes each). */
const MAX_SIZES = 20_000;

export class PostingSizes {
  private readonly sizes = new LRUCache<string, number>({ max: MAX_SIZES });
  /** Values being counted now. */
  private readonly counting = new Set<string>();

  constructor(
    /** Where to count: the primary, outside any view. */
    private readonly db: Queryable,
  ) {}

  /** How many records of `type` have one of `values` in `field` (at most MAX_COUNTED each), or undefined when one of them is not counted yet (it is then counted for next time). */
  sizeOf(type: string, field: string, values: readonly string[]): number | undefined {
    let total = 0;
    const unknown: string[] = [];
    for (const value of values) {
      const size = this.sizes.get(keyOf(type, field, value));
      if (size === undefined) unknown.push(value);
      else total += size;
    }
    if (unknown.length === 0) return total;
    this.count(type, field, unknown);
    return undefined;
  }

  private count(type: string, field: string, values: readonly string[]): void {
    const asked = values.filter((value) => !this.counting.has(keyOf(type, field, value)));
    if (asked.length === 0) return;
    for (const value of asked) this.counting.add(keyOf(type, field, value));
    this.db
      .query<{ value: string; n: number }>(
        `SELECT w.value, (SELECT count(*) FROM (SELECT 1 FROM entity_value v WHERE v.type = $1 AND v.field = $2 AND v.value = w.value LIMIT ${MAX_COUNTED}) p)::int AS n FROM unnest($3::text[]) AS w(value)`,
        [type, field, asked],
      )
      .then(
        ({ rows }) => {
          for (const { value, n } of rows) this.sizes.set(keyOf(type, field, value), n);
        },
        // A hint lost: the value is counted again when next met.
        () => undefined,
      )
      .finally(() => {
        for (const value of asked) this.counting.delete(keyOf(type, field, value));
      });
  }
}

function keyOf(type: string, field: string, value: string): string {
  return `${type}\u0000${field}\u0000${value}`;
}
