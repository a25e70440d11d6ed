/**
 * What an export format is: a writer that turns pages of meetings (in the export's order,
 * as the store pages them) and the records they refer to into text, one chunk per page,
 * so that an export of any size streams in constant memory: a format keeps at most what it
 * must write once per entity (the people a Popolo file lists after its events), never the
 * meetings. `runExport` drives a format over the pages; the HTTP route and the CLI feed it.
 */
import type { EntityType, RecordOf } from '../store/contract/records';
import type { StoreReader } from '../store/contract/store';

/** Reads the records a page of meetings refers to: batched by type, one result per slug in slug order (null when absent). */
export interface ExportLookup {
  get<T extends EntityType>(type: T, slugs: readonly string[]): Promise<(RecordOf[T] | null)[]>;
  /** The tenures of each person (no meeting names them: they are found by person), one list per slug in slug order. */
  tenuresOf(people: readonly string[]): Promise<RecordOf['Tenure'][][]>;
}

/** One export's writer: made anew for each export, so it may remember what it wrote. */
export interface ExportWriter {
  /** The text before the first page: a CSV header row, a JSON document's opening. */
  begin(): string;
  /** The text for one page of meetings (never empty pages). */
  page(meetings: readonly RecordOf['Meeting'][], lookup: ExportLookup): Promise<string>;
  /** The text after the last page: what is written once per entity, a JSON document's closing. */
  end(lookup: ExportLookup): Promise<string>;
}

export interface ExportFormat {
  /** Its name in `GET /export/<name>` and `npm run export -- <name>`. */
  name: string;
  /** The Content-Type of the response. */
  contentType: string;
  /** The file extension of a download (`Content-Disposition`), without the dot. */
  extension: string;
  /** One line for the docs and the CLI's usage. */
  description: string;
  create(): ExportWriter;
}

/** A store's reader (a store, or a view of one) as an export's lookup. */
export function readerLookup(reader: Pick<StoreReader, 'getMany' | 'findMany'>): ExportLookup {
  return {
    async get<T extends EntityType>(type: T, slugs: readonly string[]) {
      if (slugs.length === 0) return [];
      return (await reader.getMany(type, slugs)) as (RecordOf[T] | null)[];
    },
    async tenuresOf(people: readonly string[]) {
      if (people.length === 0) return [];
      const pages = await reader.findMany(
        'Tenure',
        people.map((person) => ({ where: [{ field: 'person', anyOf: [person] }], order: { field: 'START', direction: 'ASC' }, first: null })),
      );
      return pages.map((page) => page.items.map((item) => item.entity as RecordOf['Tenure']));
    },
  };
}

/** Writes the export of `pages` in `format` through `write` (which waits while the output is full). */
export async function runExport(format: ExportFormat, pages: AsyncIterable<readonly RecordOf['Meeting'][]>, lookup: ExportLookup, write: (chunk: string) => Promise<void>): Promise<void> {
  const writer = format.create();
  const begin = writer.begin();
  if (begin !== '') await write(begin);
  for await (const meetings of pages) {
    if (meetings.length === 0) continue;
    const chunk = await writer.page(meetings, lookup);
    if (chunk !== '') await write(chunk);
  }
  const end = await writer.end(lookup);
  if (end !== '') await write(end);
}
