/** What the memory engine's tables are asked and answer: a query, a page, a name hit, a written record. */
import type { DateRange, OrderDirection, SortKey } from '../contract/store';

/** One list request to one table: filters by indexed field, text and dates, an order and a Relay window. */
export interface TableQuery {
  where?: readonly { field: string; anyOf: readonly (string | null)[] }[];
  text?: string | null;
  dateRange?: DateRange | null;
  order: { field: string; direction: OrderDirection };
  /**
   * The items may come in any order, the table's cheapest (each still with its key in
   * `order`): for a caller that reads every match and orders nothing, as counting does.
   * Takes `first` but no cursor and no `last`.
   */
  anyOrder?: boolean;
  first?: number | null;
  after?: SortKey | null;
  last?: number | null;
  before?: SortKey | null;
}

/** One page of a table's records, with what Relay's PageInfo needs. */
export interface TablePage<R> {
  items: { entity: R; key: SortKey }[];
  totalCount: number;
  hasPreviousPage: boolean;
  hasNextPage: boolean;
}

/** One record found by name, with MiniSearch's relevance and how the whole name compares with the query. */
export interface NameHit<R> {
  record: R;
  score: number;
}

/** One written record: its new state, or null for a delete. */
export interface TableChange<R> {
  slug: string;
  record: R | null;
}
