/**
 * `npm run data:check [dir]`: validates a data directory exactly as start-up does,
 * printing every problem; exits 1 when there is any.
 */
import path from 'node:path';
import { DataValidationError } from '../src/store/contract/data-problem';
import { JsonStore } from '../src/store/json/json-store';
import { JournalCorruptError, SnapshotStateError } from '../src/store/json/persistence/persistence-errors';

async function main(): Promise<void> {
  const directory = path.resolve(process.argv[2] ?? process.env.DATA_DIR ?? 'data');
  try {
    const store = await JsonStore.open(directory, { readOnly: true, fullValidation: true });
    const counts = await store.counts();
    const summary = Object.entries(counts).map(([type, count]) => `${count} ${type}`).join(', ');
    console.log(`${directory} is valid: ${summary}.`);
  } catch (error) {
    const known = error instanceof DataValidationError || error instanceof JournalCorruptError || error instanceof SnapshotStateError;
    console.error(known ? (error as Error).message : `cannot check ${directory}: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}

void main();
