/**
 * Exports for the format tests: a JSON store on a copy of the shipped data (or on a
 * synthetic corpus), its meetings in date order as the route pages them (one page, or pages
 * of a given size), run through a format with `runExport` and collected as text.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readerLookup, runExport, type ExportFormat } from '../../src/export/export-format';
import type { RecordOf } from '../../src/store/contract/records';
import type { FindResult, SortKey, StoreReader } from '../../src/store/contract/store';
import { JsonStore } from '../../src/store/json/json-store';
import { SHIPPED_DATA_DIR } from '../helpers/temp-data-dir';
import { runSynth } from '../synth/run-synth';

/** The meetings of `store` in date order, in pages of `pageSize` (null: one page of all). */
export async function* meetingPages(store: Pick<StoreReader, 'findMany'>, pageSize: number | null): AsyncIterable<RecordOf['Meeting'][]> {
  let after: SortKey | null = null;
  for (;;) {
    const [page]: FindResult<'Meeting'>[] = await store.findMany('Meeting', [{ order: { field: 'DATE', direction: 'ASC' }, first: pageSize, after }]);
    yield page!.items.map((item) => item.entity);
    if (!page!.hasNextPage) return;
    after = page!.items[page!.items.length - 1]!.key;
  }
}

/** The export of every meeting of `store` in `format`, read in pages of `pageSize`, and the chunks it was written in. */
export async function exportAll(store: Pick<StoreReader, 'findMany' | 'getMany'>, format: ExportFormat, pageSize: number | null): Promise<{ text: string; chunks: string[] }> {
  const chunks: string[] = [];
  await runExport(format, meetingPages(store, pageSize), readerLookup(store), async (chunk) => {
    chunks.push(chunk);
  });
  return { text: chunks.join(''), chunks };
}

/** The shipped data set's records of one file, as written. */
export async function shippedRecords<T>(file: string): Promise<T[]> {
  return JSON.parse(await readFile(path.join(SHIPPED_DATA_DIR, file), 'utf8')) as T[];
}

/** The full texts of the shipped sources that have one, by slug. */
export async function shippedSourceTexts(): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const source of await shippedRecords<RecordOf['Source']>('sources.json')) {
    if (source.textFile !== null) texts.set(source.slug, await readFile(path.join(SHIPPED_DATA_DIR, source.textFile), 'utf8'));
  }
  return texts;
}

/** A JSON store on a fresh synthetic corpus of `meetings` meetings (written by the built `data:synth`), and its directory. */
export async function openSyntheticStore(meetings: number): Promise<{ store: JsonStore; dir: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'entente-export-'));
  const run = await runSynth(['--meetings', String(meetings), '--out', path.join(dir, 'corpus'), '--seed', '16']);
  if (run.code !== 0) throw new Error(`data:synth failed: ${run.stderr}`);
  return { store: await JsonStore.open(path.join(dir, 'corpus')), dir };
}
