/**
 * Answers a connection field: checks the page arguments, decodes cursors, loads the
 * page through the request's loader, and shapes it as a Relay connection.
 */
import { BadUserInputError } from '../../errors/bad-user-input.error';
import type { Loader } from '../../loaders/loader';
import { then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import type { EntityType } from '../../store/contract/records';
import type { Entity, FindQuery, FindResult, OrderDirection, OrderField, SortKey } from '../../store/contract/store';
import type { ConnectionArgs } from './connection.args';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './connection.args';
import type { ConnectionValue } from './connection.type';
import type { CursorCodec } from './cursor';

export interface Order<F extends string = string> {
  field: F;
  direction: OrderDirection;
}

/** The conditions of a list, without its order and window. */
export type ListConditions<T extends EntityType> = Pick<FindQuery<T>, 'where' | 'text' | 'dateRange'>;

/** Loads one page of `conditions` in `order` as the client's Relay arguments ask. */
export function resolveConnection<T extends EntityType>(
  cursors: CursorCodec,
  pages: Loader<FindQuery<T>, FindResult<T>>,
  args: ConnectionArgs,
  order: Order<OrderField<T>>,
  conditions: ListConditions<T>,
): PromiseOrValue<ConnectionValue<Entity<T>>> {
  const first = checkCount(args.first, 'first');
  const last = checkCount(args.last, 'last');
  const query: FindQuery<T> = {
    ...conditions,
    order,
    first: first ?? (last === null ? DEFAULT_PAGE_SIZE : null),
    last,
    after: args.after == null ? null : cursors.decode(args.after, order.field, 'after'),
    before: args.before == null ? null : cursors.decode(args.before, order.field, 'before'),
  };
  return then(pages.load(query), (page) => connectionOf(cursors, order.field, page));
}

function connectionOf<T extends EntityType>(cursors: CursorCodec, field: string, page: FindResult<T>): ConnectionValue<Entity<T>> {
  const edges = page.items.map(({ entity, key }) => new Edge(cursors, field, key, entity));
  return {
    totalCount: page.totalCount,
    edges,
    nodes: page.items.map((item) => item.entity),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges[edges.length - 1]?.cursor ?? null;
      },
    },
  };
}

/** An edge whose cursor is signed only when a query asks for it (an HMAC per edge is not free). */
class Edge<N> {
  private signed: string | undefined;

  constructor(
    private readonly cursors: CursorCodec,
    private readonly field: string,
    private readonly key: SortKey,
    readonly node: N,
  ) {}

  get cursor(): string {
    return (this.signed ??= this.cursors.encode(this.field, this.key));
  }
}

/** Checks a page size argument, which the resolver (not a scalar) limits, so literals and variables fail alike. */
export function checkCount(value: number | null | undefined, name: string): number | null {
  if (value == null) return null;
  if (value < 0 || value > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`"${name}" must be between 0 and ${MAX_PAGE_SIZE}; got ${value}.`, name);
  }
  return value;
}
