/**
 * The data directory the commands that read it use (`npm run draft`, `npm run export`,
 * `npm run import`, `npm run data:check`), and which failures to open it are the data's,
 * told to the user in a line, rather than faults.
 */
import { existsSync } from 'node:fs';
import { dataDirectory } from '../src/config';
import { DataValidationError } from '../src/store/contract/data-problem';
import { JournalCorruptError, SnapshotStateError } from '../src/store/json/persistence/persistence-errors';

/** The directory named, else the server's (DATA_DIR, `.data/`), else the committed seed while the server's does not exist yet. */
export function storedDataDir(named: string | null): string {
  if (named !== null) return named;
  const { dataDir, seedDir } = dataDirectory();
  return existsSync(dataDir) || seedDir === null ? dataDir : seedDir;
}

/** A data directory that cannot be read as it is (records that break the rules, a corrupt journal or state file): its message says why. */
export function isUnreadableData(error: unknown): error is Error {
  return error instanceof DataValidationError || error instanceof JournalCorruptError || error instanceof SnapshotStateError;
}
