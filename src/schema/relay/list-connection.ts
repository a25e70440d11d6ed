/**
 * A Relay connection over a list already in hand (a meeting's sources, the citations of a
 * source), paged like a store list: each item has a sort key, cursors are signed keys
 * (cursor.ts), so a page stays correct when items are added or removed between requests.
 */
import { compareKeys } from '../../store/contract/compare';
import type { SortKey } from '../../store/contract/store';
import type { ConnectionArgs } from './connection.args';
import { DEFAULT_PAGE_SIZE } from './connection.args';
import type { ConnectionValue } from './connection.type';
import type { CursorCodec } from './cursor';
import { checkCount } from './resolve-connection';

/** The page of `items` (in any order) that `args` asks for, ordered by `keyOf`; `order` names the order in cursors. */
export function listConnection<N>(cursors: CursorCodec, args: ConnectionArgs, order: string, items: readonly N[], keyOf: (item: N) => SortKey): ConnectionValue<N> {
  const first = checkCount(args.first, 'first');
  const last = checkCount(args.last, 'last');
  const after = args.after == null ? null : cursors.decode(args.after, order, 'after');
  const before = args.before == null ? null : cursors.decode(args.before, order, 'before');
  const keyed = items.map((item) => ({ item, key: keyOf(item) })).sort((a, b) => compareKeys(a.key, b.key));
  let start = after === null ? 0 : keyed.findIndex(({ key }) => compareKeys(key, after) > 0);
  if (start < 0) start = keyed.length;
  let end = before === null ? keyed.length : keyed.findIndex(({ key }) => compareKeys(key, before) >= 0);
  if (end < 0) end = keyed.length;
  end = Math.max(start, end);
  const count = first ?? (last === null ? DEFAULT_PAGE_SIZE : null);
  if (count !== null) end = Math.min(end, start + count);
  if (last !== null) start = Math.max(start, end - last);
  const page = keyed.slice(start, end);
  const edges = page.map(({ item, key }) => ({ node: item, cursor: cursors.encode(order, key) }));
  return {
    totalCount: keyed.length,
    edges,
    nodes: page.map(({ item }) => item),
    pageInfo: {
      hasNextPage: end < keyed.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

