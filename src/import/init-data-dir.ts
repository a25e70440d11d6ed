import { cp, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ENTITY_FILES } from '../store/contract/records';

/**
 * Makes `directory` an empty data directory when it does not exist or holds nothing:
 * one empty JSON array per entity file. Returns whether it did; a directory with any
 * content is left as it is.
 */
export async function initDataDirectory(directory: string): Promise<boolean> {
  await mkdir(directory, { recursive: true });
  if ((await readdir(directory)).length > 0) return false;
  for (const { file } of Object.values(ENTITY_FILES)) {
    // 'wx': never overwrite a file another process created meanwhile.
    await writeFile(path.join(directory, file), '[]\n', { flag: 'wx' });
  }
  return true;
}

/** What `prepareDataDirectory` did: copied the seed, made an empty directory, or nothing. */
export type DataDirectoryPreparation = 'seeded' | 'initialized' | 'existing';

/**
 * Readies the data directory the server and `npm run import` use. With a seed (DATA_DIR
 * unset: the committed data/), a directory that does not exist yet is made as a copy of the
 * seed's entity files and source texts (an empty one too), so that writes never touch the seed; without one
 * (DATA_DIR set), a missing or empty directory gets an empty data set (initDataDirectory).
 */
export async function prepareDataDirectory(directory: string, seed: string | null): Promise<DataDirectoryPreparation> {
  if (seed === null) return (await initDataDirectory(directory)) ? 'initialized' : 'existing';
  if (!(await isMissingOrEmpty(directory))) return 'existing';
  // Copied beside the target and renamed into place, so that an interrupted copy is never
  // taken for a data directory; if another process made it meanwhile, its copy stands.
  await mkdir(path.dirname(directory), { recursive: true });
  const partial = await mkdtemp(`${directory}.seeding-`);
  try {
    for (const { file } of Object.values(ENTITY_FILES)) await cp(path.join(seed, file), path.join(partial, file));
    // Source texts live under sources/ (a Source record's textFile).
    if (await exists(path.join(seed, 'sources'))) await cp(path.join(seed, 'sources'), path.join(partial, 'sources'), { recursive: true });
    await rename(partial, directory);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === 'ENOTEMPTY' || code === 'EEXIST') && !(await isMissingOrEmpty(directory))) return 'existing';
    throw error;
  }
  return 'seeded';
}

/** The one line to log about what `prepareDataDirectory` did, or null when it found the directory ready. */
export function describePreparation(prepared: DataDirectoryPreparation, directory: string, seed: string | null): string | null {
  if (prepared === 'seeded') return `made the data directory ${directory} as a copy of ${seed}, which stays as committed`;
  if (prepared === 'initialized') return `initialized an empty data directory at ${directory}`;
  return null;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
}

async function isMissingOrEmpty(directory: string): Promise<boolean> {
  return readdir(directory).then(
    (entries) => entries.length === 0,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return true;
      throw error;
    },
  );
}
