/**
 * Applies a bundle to a store (the CLI's JSON store, or the API's store through a request):
 * plans the import against the stored data (stored-data.ts), then writes the plan as one
 * all-or-nothing change. When the store refuses the write (another write created the same
 * slug meanwhile), the import is planned once more against the latest data; problems the
 * store still finds are mapped back to the bundle path of the record that caused them.
 */
import type { ChangeEvent, ChangeRequest, Store } from '../store/contract/store';
import { EntityNotFoundError, WriteRejectedError } from '../store/contract/write-errors';
import type { Bundle } from './bundle';
import { planBundle, type PlannedRecord } from './import-bundle';
import type { ImportProblem } from './import-problem';
import type { ImportSummary } from './import-summary';
import { recordFieldPath } from './record-field-path';
import { storedData, type DataReader } from './stored-data';

export type ImportResult = { ok: true; summary: ImportSummary; events: ChangeEvent[] } | { ok: false; problems: ImportProblem[] };

/** An import's result, with what each bundle record became (`planBundle`) when it was imported. */
export type ImportOutcome = { ok: true; summary: ImportSummary; events: ChangeEvent[]; records: PlannedRecord[] } | { ok: false; problems: ImportProblem[] };

/** Where an import reads the stored data and writes its changes. */
export interface ImportTarget {
  /**
   * Runs `use` on one version of the stored data: the target's own at first; with `latest`
   * (after a refused write), the latest version, with what other writers wrote meanwhile.
   */
  read<R>(latest: boolean, use: (reader: DataReader) => Promise<R>): Promise<R>;
  /** Applies the changes together or not at all (`Store.write`). */
  write(changes: readonly ChangeRequest[]): Promise<ChangeEvent[]>;
}

/** Imports `bundle` into `store`: every change or none; problems name bundle paths. */
export async function importIntoStore(store: Store, bundle: Bundle): Promise<ImportResult> {
  const outcome = await importInto(storeTarget(store), bundle);
  return outcome.ok ? { ok: true, summary: outcome.summary, events: outcome.events } : outcome;
}

/** Imports `bundle` into `target`, planning again once when the store refuses the first write. */
export async function importInto(target: ImportTarget, bundle: Bundle): Promise<ImportOutcome> {
  const first = await attempt(target, bundle, false);
  if (!('refused' in first)) return first;
  const second = await attempt(target, bundle, true);
  return second.ok ? second : { ok: false, problems: second.problems };
}

/** A store as an import target: each read through a fresh view of it. */
function storeTarget(store: Store): ImportTarget {
  return {
    async read(_latest, use) {
      const view = store.view();
      try {
        return await use(view);
      } finally {
        view.release?.();
      }
    },
    write: (changes) => store.write(changes),
  };
}

async function attempt(target: ImportTarget, bundle: Bundle, latest: boolean): Promise<ImportOutcome | { ok: false; problems: ImportProblem[]; refused: true }> {
  const { planned, records } = await target.read(latest, async (reader) => planBundle(bundle, await storedData(reader, bundle)));
  if (!planned.ok) return { ok: false, problems: planned.problems };
  const { changes, paths, summary } = planned.plan;
  try {
    return { ok: true, summary, records, events: await target.write(changes) };
  } catch (error) {
    if (error instanceof WriteRejectedError) {
      return { ok: false, refused: true, problems: error.problems.map((problem) => ({ path: recordFieldPath(paths[problem.change] ?? '', problem.field), message: problem.message })) };
    }
    if (error instanceof EntityNotFoundError) return { ok: false, refused: true, problems: [{ path: paths[error.change] ?? '', message: error.message }] };
    throw error;
  }
}
