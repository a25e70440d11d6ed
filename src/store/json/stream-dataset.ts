/**
 * Reads a data directory record by record, never holding it whole, for bulk loads
 * (db:import) of corpora larger than a heap: only when store.json vouches for every byte
 * read (the digests the JSON store records once bytes pass validation, under the same
 * rules: see load-dataset.ts) and the journal holds nothing past the snapshot. That is
 * exactly when the JSON store's own start-up (readDataset) runs no rule either, so the
 * stream applies the same validation as the store: none, for bytes already validated.
 * Anything else (no digests, other rules, a changed byte, entries to replay, a file not in
 * the store's layout) is a NotVouchedError, which may come only after records were handed
 * over: the caller then discards them and reads the directory with readDataset, which
 * validates it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ENTITY_FILES, ENTITY_TYPES, type EntityType, type RecordOf } from '../contract/records';
import { readJournal } from './persistence/journal';
import { streamJsonArray } from './persistence/read-json-file';
import { readStoreState } from './persistence/store-state';
import { digestOf } from './persistence/validated-files';
import { validationRules } from './load-dataset';

type AnyRecord = RecordOf[EntityType];

/** The directory is not vouched for byte for byte by store.json: it must be read, and validated, whole. */
export class NotVouchedError extends Error {
  override name = 'NotVouchedError';
}

/** A vouched data directory, opened for streaming. */
export interface VouchedDataset {
  /** The data version: the journal's last seq, which the snapshot files hold. */
  version: number;
  /**
   * Hands over every record: types in ENTITY_TYPES order, each type's records in file
   * order, a piece of a file at a time (`each` is awaited before the next piece is read).
   * Throws NotVouchedError when a file's bytes turn out not to be the ones vouched for.
   */
  records(each: (type: EntityType, records: readonly AnyRecord[]) => Promise<void>): Promise<void>;
  /** The source texts as [source slug, text], read one at a time (after `records`); NotVouchedError as `records`. */
  texts(): Iterable<readonly [string, string]>;
}

/** Opens `directory` for streaming; NotVouchedError when store.json does not vouch for its files or the journal has changes past them. */
export async function openVouchedDataset(directory: string): Promise<VouchedDataset> {
  const { compactedThrough, validated } = await readStoreState(directory).catch(() => ({ compactedThrough: -1, validated: undefined }));
  const rules = validationRules();
  if (!validated || rules === null || validated.rules !== rules) throw new NotVouchedError('store.json records no digests validated under these rules');
  const vouched = validated.files;
  const { lastSeq } = await readJournal(directory).catch(() => ({ lastSeq: -1 }));
  if (lastSeq !== compactedThrough) throw new NotVouchedError(`the journal reaches ${lastSeq}, the snapshot files ${compactedThrough}`);
  const textFiles: [slug: string, file: string][] = [];
  const checked = (file: string, digest: string | undefined) => {
    if (digest === undefined || vouched.get(file) !== digest) throw new NotVouchedError(`${file} is not the file validated`);
  };
  return {
    version: lastSeq,
    records: async (each) => {
      for (const type of ENTITY_TYPES) {
        const { file } = ENTITY_FILES[type];
        if (!vouched.has(file)) throw new NotVouchedError(`${file} was not validated`);
        const read = await streamJsonArray(path.join(directory, file), async (records) => {
          if (type === 'Source') for (const source of records as RecordOf['Source'][]) if (source.textFile !== null) textFiles.push([source.slug, source.textFile]);
          await each(type, records as AnyRecord[]);
        }).catch((error: NodeJS.ErrnoException) => {
          if (typeof error.code === 'string') throw new NotVouchedError(`cannot read ${file}: ${error.code}`);
          throw error;
        });
        if (read === null) throw new NotVouchedError(`${file} is not in the store's layout`);
        checked(file, read.digest);
      }
    },
    texts: function* () {
      for (const [slug, file] of textFiles) {
        let bytes: Buffer;
        try {
          // Synchronously, as readDataset reads them: many small files cost less that way.
          bytes = readFileSync(path.join(directory, file));
        } catch (error) {
          throw new NotVouchedError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
        }
        checked(file, digestOf(bytes));
        yield [slug, bytes.toString('utf8')];
      }
    },
  };
}
