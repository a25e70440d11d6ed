/**
 * The meetings the page has loaded, a page at a time (`ExplorerMeetings`, ordered by date,
 * `first: pageSize` after the last page's end cursor): never one request for all of them.
 * All of them match one filter (none at first); a new filter starts again from its first page.
 */
import type { ExplorerMeetingsQuery, MeetingFilter, Sdk } from '../../sdk/src';

/** A meeting as the explorer loads it: its summary plus its format and its participants' countries. */
export type ExplorerMeeting = ExplorerMeetingsQuery['meetings']['nodes'][number];

/** The pages loaded so far, in order, and whether the server has more. */
export class MeetingPages {
  readonly pages: ExplorerMeeting[][] = [];
  totalCount = 0;
  hasNextPage = true;
  private endCursor: string | null = null;
  private currentFilter: MeetingFilter | null = null;
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

  /** The filter every loaded meeting matches; null for none. */
  get filter(): MeetingFilter | null {
    return this.currentFilter;
  }

  /** Calls `listener` after each page arrives. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Loads the next page (one request at a time: a second call while loading waits for the first). */
  loadNext(): Promise<void> {
    if (!this.hasNextPage) return Promise.resolve();
    return this.loading ?? this.run(() => this.fetchPage());
  }

  /**
   * Loads again as many pages as are loaded, from the first (after the data changed: a new
   * meeting may fall on any of them), once a load in progress is done.
   */
  reload(): Promise<void> {
    return this.run(() => this.fetchPages(Math.max(1, this.pages.length)));
  }

  /**
   * Loads the first page of the meetings `filter` matches (null: of all meetings), after the
   * load in progress, in place of the pages loaded. When the API refuses the filter the pages
   * and the filter stay as they were, and the promise rejects with its error.
   */
  setFilter(filter: MeetingFilter | null): Promise<void> {
    return this.run(async () => {
      const { meetings } = await this.request(null, filter);
      this.currentFilter = filter;
      this.pages.splice(0, this.pages.length, meetings.nodes);
      this.take(meetings);
    });
  }

  /** Runs `task` after the load in progress, so that loads never overlap. */
  private run(task: () => Promise<void>): Promise<void> {
    const loading: Promise<void> = (this.loading ?? Promise.resolve())
      .catch(() => undefined)
      .then(task)
      .finally(() => {
        if (this.loading === loading) this.loading = null;
      });
    this.loading = loading;
    return loading;
  }

  private async fetchPage(): Promise<void> {
    const { meetings } = await this.request(this.endCursor);
    this.pages.push(meetings.nodes);
    this.take(meetings);
  }

  private async fetchPages(count: number): Promise<void> {
    const pages: ExplorerMeeting[][] = [];
    let last: ExplorerMeetingsQuery['meetings'] | null = null;
    while (pages.length < count && (last === null || last.pageInfo.hasNextPage)) {
      ({ meetings: last } = await this.request(last?.pageInfo.endCursor ?? null));
      pages.push(last.nodes);
    }
    this.pages.splice(0, this.pages.length, ...pages);
    this.take(last!);
  }

  private request(after: string | null, filter = this.currentFilter): Promise<ExplorerMeetingsQuery> {
    return this.client.ExplorerMeetings({ first: this.pageSize, after, orderBy: { field: 'DATE', direction: 'ASC' }, ...(filter ? { filter } : {}) });
  }

  private take(meetings: ExplorerMeetingsQuery['meetings']): void {
    this.totalCount = meetings.totalCount;
    this.hasNextPage = meetings.pageInfo.hasNextPage;
    this.endCursor = meetings.pageInfo.endCursor;
    for (const listener of this.listeners) listener();
  }
}
