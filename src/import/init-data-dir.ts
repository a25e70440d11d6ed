import { mkdir, readdir, writeFile } from 'node:fs/promises';
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
