/**
 * The meetings the page has loaded, a page at a time (`ExplorerMeetings`, ordered by date,
 * `first: pageSize` after the last page's end cursor): never one request for all of them.
 */
import type { ExplorerMeetingsQuery, Sdk } from '../../sdk';

/** A meeting as the explorer loads it: its summary plus its format and its participants' countries. */
export type ExplorerMeeting = ExplorerMeetingsQuery['meetings']['nodes'][number];

/** The pages loaded so far, in order, and whether the server has more. */
export class MeetingPages {
  readonly pages: ExplorerMeeting[][] = [];
  totalCount = 0;
  hasNextPage = true;
  private endCursor: string | null = null;
  private loading: Promise<void> | null = null;
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly client: Sdk,
    /** Meetings per request (at most the server's page limit). */
    readonly pageSize: number,
  ) {}

  /** Every loaded meeting, in the server's order. */
  get meetings(): ExplorerMeeting[] {
    return this.pages.flat();
  }

  /** Calls `listener` after each page arrives. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Loads the next page (one request at a time: a second call while loading waits for the first). */
  loadNext(): Promise<void> {
    if (!this.hasNextPage) return Promise.resolve();
    this.loading ??= this.fetchPage().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async fetchPage(): Promise<void> {
    const { meetings } = await this.client.ExplorerMeetings({
      first: this.pageSize,
      after: this.endCursor,
      orderBy: { field: 'DATE', direction: 'ASC' },
    });
    this.pages.push(meetings.nodes);
    this.totalCount = meetings.totalCount;
    this.hasNextPage = meetings.pageInfo.hasNextPage;
    this.endCursor = meetings.pageInfo.endCursor;
    for (const listener of this.listeners) listener();
  }
}
