/**
 * `store.json`: how far into the journal the snapshot files reach (`compactedThrough`) and
 * the digests of the files that passed validation, so a start-up can trust them unread.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { nodeFileSystem, type FileSystem } from './file-system';
import { SnapshotStateError } from './persistence-errors';
import { DIGEST_ALGORITHM, type ValidatedFiles } from './validated-files';

/** The file that says how far the snapshot reaches into the journal. */
export const STATE_FILE = 'store.json';
const STATE_FORMAT = 1;

/**
 * What store.json says: the journal position the JSON files hold and, when the store wrote
 * or checked them, the digests of the files that passed validation. Versions before
 * digests wrote no `validated` field; they read it as absent (full validation).
 */
export interface StoreState {
  compactedThrough: number;
  validated?: ValidatedFiles;
}

/**
 * Reads DIR/store.json; `{ compactedThrough: 0 }` when absent; throws SnapshotStateError when
 * invalid. A malformed `validated` field is ignored: it only ever lets start-up skip work.
 */
export async function readStoreState(directory: string): Promise<StoreState> {
  const file = path.resolve(directory, STATE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { compactedThrough: 0 };
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SnapshotStateError(file, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SnapshotStateError(file, `found ${Array.isArray(parsed) ? 'an array' : String(parsed)}`);
  }
  const { format, compactedThrough } = parsed as { format?: unknown; compactedThrough?: unknown };
  if (format !== STATE_FORMAT) throw new SnapshotStateError(file, `format is ${JSON.stringify(format) ?? 'missing'}`);
  if (!isSeq(compactedThrough)) {
    throw new SnapshotStateError(file, `compactedThrough is ${JSON.stringify(compactedThrough) ?? 'missing'}, not a non-negative integer`);
  }
  const validated = readValidated((parsed as { validated?: unknown }).validated);
  return validated ? { compactedThrough, validated } : { compactedThrough };
}

function readValidated(value: unknown): ValidatedFiles | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { algorithm, rules, files } = value as { algorithm?: unknown; rules?: unknown; files?: unknown };
  if (algorithm !== DIGEST_ALGORITHM || typeof rules !== 'string' || typeof files !== 'object' || files === null || Array.isArray(files)) return undefined;
  const entries = Object.entries(files as Record<string, unknown>);
  if (!entries.every(([, digest]) => typeof digest === 'string')) return undefined;
  return { rules, files: new Map(entries as [string, string][]) };
}

function stateText(state: StoreState): string {
  const { compactedThrough, validated } = state;
  const json: Record<string, unknown> = { format: STATE_FORMAT, compactedThrough };
  if (validated) json.validated = { algorithm: DIGEST_ALGORITHM, rules: validated.rules, files: Object.fromEntries([...validated.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
  return JSON.stringify(json, null, 2) + '\n';
}

/** Writes store.json atomically: how much of the journal the files hold, and the digests of validated files. */
export async function writeStoreState(directory: string, state: StoreState, files: FileSystem = nodeFileSystem): Promise<void> {
  if (!isSeq(state.compactedThrough)) throw new RangeError(`compactedThrough must be a non-negative integer, got ${state.compactedThrough}`);
  await writeFileAtomic(directory, STATE_FILE, stateText(state), files);
}

/** Whether a value is a journal position: a non-negative safe integer. */
export function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
