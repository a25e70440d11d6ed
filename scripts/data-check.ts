/**
 * `npm run data:check [dir]`: validates a data directory exactly as start-up does,
 * printing every problem; exits 1 when there is any. Without `dir`, the one the server
 * serves (DATA_DIR, else `.data/`; before the first start made `.data/`, the committed
 * `data/` it will be made from). `npm run data:check -- data` checks the committed data.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { dataDirectory } from '../src/config';
import { JsonStore } from '../src/store/json/json-store';
import { isUnreadableData } from './data-directory';

async function main(): Promise<void> {
  const directory = process.argv[2] === undefined ? servedDirectory() : path.resolve(process.argv[2]);
  try {
    const store = await JsonStore.open(directory, { readOnly: true, fullValidation: true });
    const counts = await store.counts();
    const summary = Object.entries(counts).map(([type, count]) => `${count} ${type}`).join(', ');
    console.log(`${directory} is valid: ${summary}.`);
  } catch (error) {
    const known = isUnreadableData(error);
    console.error(known ? (error as Error).message : `cannot check ${directory}: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}

/** The data directory the server would serve now. */
function servedDirectory(): string {
  const { dataDir, seedDir } = dataDirectory();
  if (seedDir === null || existsSync(dataDir)) return dataDir;
  console.log(`${dataDir} does not exist yet (the server makes it from ${seedDir} on first start): checking ${seedDir}`);
  return seedDir;
}

void main();
