/**
 * Writes a data set into a directory in the store's own format: each `<type>.json` holds
 * exactly `JSON.stringify(records, null, 2) + '\n'` (what `writeSnapshot` writes), and each
 * source's text sits at its `textFile`. Records are serialized a thousand at a time, so a
 * corpus of hundreds of megabytes never exists as one string.
 */
import { mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { jsonArrayChunks } from '../../src/store/json/persistence/json-array';
import { ENTITY_FILES, ENTITY_TYPES, type Dataset } from '../../src/store/contract/records';

/** Writes `records` to `file` byte for byte as `JSON.stringify(records, null, 2) + '\n'`. */
export async function writeJsonArray(file: string, records: readonly unknown[]): Promise<void> {
  const handle = await open(file, 'w');
  try {
    for (const chunk of jsonArrayChunks(records)) await handle.write(chunk, null, 'utf8');
  } finally {
    await handle.close();
  }
}

/** Writes every source text and every entity file of `data` into `directory` (which must exist). */
export async function writeDataset(directory: string, data: Dataset): Promise<void> {
  await mkdir(path.join(directory, 'sources'), { recursive: true });
  const texts = data.Source.flatMap((source): [string, string][] => {
    const text = data.texts.get(source.slug);
    return source.textFile === null || text === undefined ? [] : [[source.textFile, text]];
  });
  let next = 0;
  const worker = async () => {
    while (next < texts.length) {
      const [file, content] = texts[next++]!;
      await writeFile(path.join(directory, file), content, 'utf8');
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  for (const type of ENTITY_TYPES) await writeJsonArray(path.join(directory, ENTITY_FILES[type].file), data[type]);
}
