/**
 * One export of meetings, as the HTTP route and the CLI run it: a view of the store pinned
 * for the whole export (one version of the data, however many writes land meanwhile), the
 * filter resolved against it as the API resolves it (so a bad filter fails before any
 * output), then a format run over the matching meetings' pages, and the view released.
 */
import { createLoaders } from '../loaders/create-loaders';
import type { Metrics } from '../metrics';
import { meetingConditions, type MeetingConditions } from '../schema/meeting/meeting-conditions';
import type { MeetingFilter } from '../schema/meeting/meetings.args';
import type { RecordOf } from '../store/contract/records';
import type { Store } from '../store/contract/store';
import { readerLookup, runExport, type ExportFormat } from './export-format';
import { meetingPages } from './meeting-pages';

/** An export ready to run over one version of the data. */
export interface MeetingExport {
  /** Writes the export through `write` (stopping when `signal` aborts), then releases the view; resolves to how many meetings it wrote. */
  run(format: ExportFormat, write: (chunk: string) => Promise<void>, signal?: AbortSignal): Promise<number>;
  /** Releases the view without running. */
  release(): void;
}

/** Pins a view of `store` and resolves `filter` on it; BAD_USER_INPUT (having released the view) for a filter the API would refuse. */
export async function openMeetingExport(store: Pick<Store, 'view'>, metrics: Metrics, filter: MeetingFilter | null): Promise<MeetingExport> {
  const view = store.view();
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    view.release?.();
  };
  let conditions: MeetingConditions;
  try {
    conditions = await meetingConditions(createLoaders(view, metrics), filter);
  } catch (error) {
    release();
    throw error;
  }
  return {
    async run(format, write, signal) {
      let count = 0;
      async function* counted(): AsyncGenerator<RecordOf['Meeting'][]> {
        for await (const page of meetingPages(view, conditions, { signal })) {
          count += page.length;
          yield page;
        }
      }
      try {
        await runExport(format, counted(), readerLookup(view), write);
      } finally {
        release();
      }
      return count;
    },
    release,
  };
}
