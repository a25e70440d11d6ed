/**
 * A data set written as a new JSON data directory, in the JSON store's exact file format:
 * the entity files, the source texts, the change feed as the journal, and store.json. The
 * JSON store opens it as it is, at the given data version (`db:export` writes one).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ENTITY_FILES, ENTITY_TYPES, type Dataset } from '../contract/records';
import type { ChangeEntry } from '../contract/store';
import { JOURNAL_FILE, formatLine } from './persistence/journal';
import { replaceFileWith, syncDirectory, writeFileAtomic } from './persistence/atomic-file';
import { writeSnapshot } from './persistence/snapshot';

/** Writes `data`, its change feed `events` and its `version` into `directory` (created; it must not hold a data set). */
export async function writeDataDirectory(directory: string, data: Dataset, events: readonly ChangeEntry[], version: number): Promise<void> {
  await mkdir(directory, { recursive: true });
  for (const source of data.Source) {
    const text = data.texts.get(source.slug);
    if (source.textFile === null || text === undefined) continue;
    const file = path.join(directory, source.textFile);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(path.dirname(file), path.basename(file), text);
  }
  // The change feed becomes the journal (one active segment, written a line at a time: the JSON store
  // seals it at its first start when it is larger than a segment): its history and version.
  if (events.length > 0) {
    await replaceFileWith(directory, JOURNAL_FILE, async (put) => {
      for (const event of events) await put(Buffer.from(formatLine(event), 'utf8'));
    });
    await syncDirectory(directory);
  }
  await writeSnapshot(
    directory,
    ENTITY_TYPES.map((type) => ({ file: ENTITY_FILES[type].file, records: data[type] })),
    version,
  );
}
