/**
 * The meetings an export writes: every meeting matching its conditions, in pages read
 * from one view of the store with a cursor (the store's keyset paging: each page starts
 * after the previous page's last sort key), so that no more than one page is held at once.
 */
import type { RecordOf } from '../store/contract/records';
import type { FindQuery, FindResult, SortKey, StoreReader } from '../store/contract/store';

/** Meetings per page: large enough that a round trip to PostgreSQL is not paid per meeting, small enough to hold. */
export const EXPORT_PAGE_SIZE = 500;

/** The export's order: by date, the earliest possible day first (then the latest), then by slug, the last part of every sort key. */
export const EXPORT_ORDER = { field: 'DATE', direction: 'ASC' } as const;

/** The conditions of a list of meetings, without its order and window. */
export type MeetingListConditions = Pick<FindQuery<'Meeting'>, 'where' | 'dateRange' | 'text'>;

/** Pages of the meetings matching `conditions` in EXPORT_ORDER, never empty; stops reading when `signal` aborts. */
export async function* meetingPages(
  reader: Pick<StoreReader, 'findMany'>,
  conditions: MeetingListConditions,
  options: { pageSize?: number; signal?: AbortSignal } = {},
): AsyncGenerator<RecordOf['Meeting'][]> {
  const first = options.pageSize ?? EXPORT_PAGE_SIZE;
  let after: SortKey | null = null;
  while (!options.signal?.aborted) {
    const query: FindQuery<'Meeting'> = { ...conditions, order: EXPORT_ORDER, first, after };
    const page: FindResult<'Meeting'> = (await reader.findMany('Meeting', [query]))[0]!;
    const items = page.items;
    if (items.length === 0) return;
    yield items.map((item) => item.entity);
    if (!page.hasNextPage) return;
    after = items[items.length - 1]!.key;
  }
}
