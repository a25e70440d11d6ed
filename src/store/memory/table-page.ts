/**
 * Relay's window over a list held as two sorted runs (a table's base records and its
 * delta records, or their matches): counts and cursors by binary search, then a merge
 * of only the records on the page.
 */
import type { SortKey } from '../contract/store';
import { compareKeys } from '../contract/compare';
import { firstIndexWhere } from './binary-search';
import type { TablePage, TableQuery } from './table-query';

/** A sorted run of records that page windows read by index. */
export interface Run<R> {
  length: number;
  key(index: number): SortKey;
  entity(index: number): R;
}

/** Relay's window over two sorted runs merged: cursors narrow the list, then first and last cut it. */
export function page<R>(a: Run<R>, b: Run<R>, query: TableQuery): TablePage<R> {
  const n = a.length + b.length;
  const ascending = query.order.direction === 'ASC';
  // How many records sort before `key` (with it, when inclusive).
  const below = (key: SortKey, inclusive: boolean) => countBelow(a, key, inclusive) + countBelow(b, key, inclusive);
  let start = query.after ? (ascending ? below(query.after, true) : n - below(query.after, false)) : 0;
  let end = query.before ? (ascending ? below(query.before, false) : n - below(query.before, true)) : n;
  if (end < start) end = start;
  if (query.first != null) end = Math.min(end, start + query.first);
  if (query.last != null) start = Math.max(start, end - query.last);

  const items: { entity: R; key: SortKey }[] = [];
  const [low, high] = ascending ? [start, end] : [n - end, n - start];
  if (high > low) {
    let j = split(a, b, low);
    let i = low - j;
    for (let k = low; k < high; k++) {
      if (j >= b.length || (i < a.length && compareKeys(a.key(i), b.key(j)) < 0)) {
        items.push({ entity: a.entity(i), key: a.key(i) });
        i++;
      } else {
        items.push({ entity: b.entity(j), key: b.key(j) });
        j++;
      }
    }
    if (!ascending) items.reverse();
  }
  return { items, totalCount: n, hasPreviousPage: start > 0, hasNextPage: end < n };
}

function countBelow<R>(run: Run<R>, key: SortKey, inclusive: boolean): number {
  return firstIndexWhere(run.length, (i) => {
    const order = compareKeys(run.key(i), key);
    return inclusive ? order > 0 : order >= 0;
  });
}

/** How many of the first `index` records of a and b merged come from b. */
function split<R>(a: Run<R>, b: Run<R>, index: number): number {
  const low = Math.max(0, index - a.length);
  const high = Math.min(b.length, index);
  // j records of b come first when b's j-th sorts before a's (index - j)-th; true up to the answer, false after.
  const holds = (j: number) => index - j >= a.length || compareKeys(b.key(j - 1), a.key(index - j)) < 0;
  return firstIndexWhere(high + 1, (j) => !holds(j), low + 1) - 1;
}
