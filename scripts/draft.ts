/**
 * `npm run draft -- REPORT.txt --published-on 2023-04-30 [--publisher NAME] [--title T] [--url U] [--data-dir DIR] > draft.json`:
 * drafts an import bundle from a report's text (src/draft/draft-bundle.ts) and prints it
 * with its proposals as JSON on stdout: `{ "bundle": {...}, "proposals": [...] }`.
 * The stored records it resolves against are read, without a lock, from DIR, else
 * DATA_DIR, else the server's `.data/` (the committed `data/` when `.data/` does not exist
 * yet); nothing is written. Exit codes: 0 drafted, 1 the file cannot be read or drafted
 * (not UTF-8 text, empty, too large), 2 bad arguments.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isCalendarDate } from '../src/domain/calendar-date';
import { draftBundle, DraftInputError, type DraftInput } from '../src/draft/draft-bundle';
import type { ExistingData } from '../src/import/import-bundle';
import { ENTITY_TYPES } from '../src/store/contract/records';
import { JsonStore } from '../src/store/json/json-store';
import { readCommandLine, UsageError } from './command-line';
import { isUnreadableData, storedDataDir } from './data-directory';

const USAGE = 'usage: npm run draft -- REPORT.txt --published-on YYYY-MM-DD [--publisher NAME] [--title TITLE] [--url URL] [--data-dir DIR] > draft.json';

interface Args {
  file: string;
  publishedOn: string | null;
  title?: string;
  publisher?: string;
  url?: string;
  dataDir: string | null;
}

const OPTIONS = { '--published-on': 'publishedOn', '--publisher': 'publisher', '--title': 'title', '--url': 'url', '--data-dir': 'dataDir' } as const;

function parseArgs(argv: readonly string[]): Args {
  const { argument: file, values } = readCommandLine(argv, OPTIONS, 'report');
  if (file === undefined) throw new UsageError('name the report file to draft');
  const publishedOn = values.publishedOn ?? null;
  if (publishedOn !== null && !isCalendarDate(publishedOn)) throw new UsageError(`--published-on must be a real calendar date YYYY-MM-DD; got ${JSON.stringify(publishedOn)}`);
  return {
    file: path.resolve(file),
    publishedOn,
    ...(values.title !== undefined ? { title: values.title } : {}),
    ...(values.publisher !== undefined ? { publisher: values.publisher } : {}),
    ...(values.url !== undefined ? { url: values.url } : {}),
    dataDir: values.dataDir === undefined ? null : path.resolve(values.dataDir),
  };
}

/** The report's text: UTF-8, or an error saying why not. */
async function readReport(file: string): Promise<string> {
  const bytes = await readFile(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new DraftInputError('BINARY_TEXT', 'text', 'the file is not UTF-8 text (a binary file?); save the report as plain UTF-8 text');
  }
}

const EMPTY: ExistingData = { ...(Object.fromEntries(ENTITY_TYPES.map((type) => [type, []])) as unknown as Omit<ExistingData, 'texts'>), texts: new Map() };

async function main(argv: readonly string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`draft: ${error.message}\n${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = await readReport(args.file);
  } catch (error) {
    const reason = error instanceof DraftInputError ? error.message : `cannot read it: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
    console.error(`draft: ${args.file}: ${reason}`);
    return 1;
  }
  const input: DraftInput = { text, publishedOn: args.publishedOn, ...(args.title ? { title: args.title } : {}), ...(args.publisher ? { publisher: args.publisher } : {}), ...(args.url ? { url: args.url } : {}) };

  const dir = storedDataDir(args.dataDir);
  let existing = EMPTY;
  let store: JsonStore | null = null;
  if (existsSync(dir)) {
    try {
      store = await JsonStore.open(dir, { readOnly: true });
      existing = store.dataset();
    } catch (error) {
      if (!isUnreadableData(error)) throw error;
      console.error(`draft: cannot read the data directory ${dir}: ${error.message}`);
      return 1;
    }
  }
  try {
    const draft = draftBundle(input, existing);
    process.stdout.write(`${JSON.stringify(draft, null, 2)}\n`);
    const open = draft.proposals.filter((proposal) => proposal.chosen === null && proposal.candidates.length > 0).length;
    console.error(`draft: ${path.basename(args.file)}: proposed ${draft.proposals.length} items; ${open} near match${open === 1 ? '' : 'es'} to settle with "sameAs" or "distinctFrom" before importing.`);
    return 0;
  } catch (error) {
    if (!(error instanceof DraftInputError)) throw error;
    console.error(`draft: ${args.file}: ${error.message} (${error.code})`);
    return 1;
  } finally {
    await store?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error('draft: failed:', error);
    process.exitCode = 1;
  },
);
