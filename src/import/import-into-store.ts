/**
 * Applies a bundle to an open JSON store: plans the import against the store's current
 * records, then writes the plan as one all-or-nothing change. Problems the store finds
 * when writing are mapped back to the bundle path of the record that caused them.
 */
import type { JsonStore } from '../store/json/json-store';
import type { ChangeEvent } from '../store/contract/store';
import { EntityNotFoundError, WriteRejectedError } from '../store/contract/write-errors';
import type { Bundle } from './bundle';
import { planImport, type ExistingData } from './import-bundle';
import type { ImportProblem } from './import-problem';
import type { ImportSummary } from './import-summary';
import { recordFieldPath } from './record-field-path';

export type ImportResult = { ok: true; summary: ImportSummary; events: ChangeEvent[] } | { ok: false; problems: ImportProblem[] };

/** Imports `bundle` into `store`: every change or none; problems name bundle paths. */
export async function importIntoStore(store: JsonStore, bundle: Bundle): Promise<ImportResult> {
  const planned = planImport(bundle, existingData(store));
  if (!planned.ok) return planned;
  const { changes, paths, summary } = planned.plan;
  try {
    return { ok: true, summary, events: await store.write(changes) };
  } catch (error) {
    if (error instanceof WriteRejectedError) {
      return { ok: false, problems: error.problems.map((problem) => ({ path: recordFieldPath(paths[problem.change] ?? '', problem.field), message: problem.message })) };
    }
    if (error instanceof EntityNotFoundError) return { ok: false, problems: [{ path: paths[error.change] ?? '', message: error.message }] };
    throw error;
  }
}

/** The store's current records and source texts. */
function existingData(store: JsonStore): ExistingData {
  return store.dataset();
}
