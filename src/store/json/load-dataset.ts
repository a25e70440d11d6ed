/**
 * Reads a data directory: one JSON array per entity type plus the full texts of
 * sources. Collects every problem (unreadable file, bad JSON, bad record shape,
 * broken reference, quote not verbatim) instead of stopping at the first.
 *
 * Bytes that store.json records as validated (same digest, same rules) are not checked
 * again: a file whose digest matches skips the record shapes, and when every file
 * matches and no journal entry is replayed, the cross-record rules are skipped too. Any
 * other file, or any mismatch, is validated exactly as without digests.
 */
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DataValidationError, type DataProblem } from '../contract/data-problem';
import { createInterner } from '../memory/intern';
import { readJsonFile } from './persistence/read-json-file';
import { digestOf, type ValidatedFiles } from './persistence/validated-files';
import { ENTITY_FILES, ENTITY_TYPES, type Dataset, type EntityType } from '../contract/records';
import { validateDataset } from '../contract/validate';

export interface ReadDatasetOptions {
  /** Changes the data read from the files before it is validated (the journal of writes not yet compacted into them). */
  replay?: (data: Dataset) => void;
  /** Digests of files that already passed validation (from store.json): matching bytes are not validated again. */
  validated?: ValidatedFiles | null;
}

export interface ReadDatasetResult {
  data: Dataset;
  /** Digest of every file read (entity files and source texts), by path relative to the directory. */
  digests: Map<string, string>;
  /** Fingerprint of the rules the data was checked against. */
  rules: string | null;
  /** True when every byte matched `validated` and nothing was replayed: no rule was run. */
  trusted: boolean;
}

/**
 * Loads and validates `directory`; throws DataValidationError listing every problem.
 * `replay` may change the data read from the files before it is validated (the journal
 * of writes not yet compacted into them).
 */
export async function loadDataset(directory: string, replay?: (data: Dataset) => void): Promise<Dataset> {
  return (await readDataset(directory, { replay })).data;
}

/** Loads `directory` as `loadDataset` does, skipping the checks of bytes `options.validated` vouches for. */
export async function readDataset(directory: string, options: ReadDatasetOptions = {}): Promise<ReadDatasetResult> {
  await assertDataDirectory(directory);
  const rules = validationRules();
  const vouched = options.validated && rules !== null && options.validated.rules === rules ? options.validated.files : null;
  const problems: DataProblem[] = [];
  const digests = new Map<string, string>();
  const data = { texts: new Map<string, string>() } as Dataset;
  // Slugs of records whose shape is invalid: references to them are not reported again as unknown.
  const invalidSlugs = new Map<EntityType, Set<string>>();
  // Types whose file could not be read at all: references into them are not checked.
  const unreadable = new Set<EntityType>();
  // Repeated reference strings are shared as records are parsed (records replayed from the journal keep their own: few).
  const intern = createInterner();
  let allVouched = vouched !== null;
  for (const type of ENTITY_TYPES) {
    const parsed = await readArray(directory, type, intern);
    const invalid = new Set<string>();
    invalidSlugs.set(type, invalid);
    const { file } = ENTITY_FILES[type];
    const { digest } = parsed;
    if (digest) digests.set(file, digest);
    if ('problem' in parsed) {
      problems.push(parsed.problem);
      unreadable.add(type);
      (data as Record<EntityType, unknown[]>)[type] = [];
      allVouched = false;
    } else if (vouched && digest === vouched.get(file)) {
      (data as Record<EntityType, unknown[]>)[type] = parsed.records;
    } else {
      allVouched = false;
      (data as Record<EntityType, unknown[]>)[type] = checkShapes(type, parsed.records, problems, invalid);
    }
  }
  options.replay?.(data);
  const unreadableTexts = new Set<string>();
  const sources = data.Source.filter((source) => source.textFile !== null && !data.texts.has(source.slug));
  sources.forEach((source) => {
    const read = readText(path.join(directory, source.textFile!));
    if ('error' in read) {
      unreadableTexts.add(source.slug);
      allVouched = false;
      problems.push({ file: 'sources.json', record: source.slug, field: 'textFile', message: `cannot read ${source.textFile}: ${read.error.code ?? String(read.error)}` });
      return;
    }
    const digest = digestOf(read.bytes);
    digests.set(source.textFile!, digest);
    if (vouched?.get(source.textFile!) !== digest) allVouched = false;
    data.texts.set(source.slug, read.bytes.toString('utf8'));
  });
  const trusted = allVouched && options.replay === undefined;
  if (!trusted) problems.push(...validateDataset(data, { invalidSlugs, unreadableTypes: unreadable, unreadableTexts }));
  if (problems.length > 0) throw new DataValidationError(directory, problems);
  return { data, digests, rules, trusted };
}

/** Throws DataValidationError when `directory` is not a directory. */
export async function assertDataDirectory(directory: string): Promise<void> {
  const isDirectory = await stat(directory).then((entry) => entry.isDirectory(), () => false);
  if (!isDirectory) throw new DataValidationError(directory, [{ file: '.', message: 'no such directory' }]);
}

let rulesFingerprint: string | null | undefined;

/**
 * A fingerprint of the code that decides validity (record schemas, cross-record rules and
 * the vocabularies they use), so that digests recorded under other rules are not trusted
 * after an upgrade. Null when the module files cannot be read: then nothing is trusted.
 */
export function validationRules(): string | null {
  if (rulesFingerprint !== undefined) return rulesFingerprint;
  const extension = path.extname(__filename);
  const modules = [
    '../contract/records',
    '../contract/validate',
    '../contract/meeting-date-rules',
    'load-dataset',
    '../../domain/vocabularies',
    '../../domain/calendar-date',
    '../../domain/meeting-date',
    '../../domain/preferred-claim',
  ];
  try {
    rulesFingerprint = digestOf(modules.map((name) => readFileSync(path.join(__dirname, name + extension), 'utf8')).join('\0'));
  } catch {
    rulesFingerprint = null;
  }
  return rulesFingerprint;
}

type ParsedFile = { digest?: string; records: unknown[] } | { digest?: string; problem: DataProblem };

/** Reads one entity file, its digest and its records, calling `each` on every record as it is parsed. */
async function readArray(directory: string, type: EntityType, each: (record: unknown) => void): Promise<ParsedFile> {
  const { file } = ENTITY_FILES[type];
  let read;
  try {
    read = await readJsonFile(path.join(directory, file), each);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: { file, message: code === 'ENOENT' ? 'file is missing' : `cannot read file: ${code ?? String(error)}` } };
  }
  const { digest } = read;
  if ('syntaxError' in read) return { digest, problem: { file, message: `not valid JSON: ${read.syntaxError.message}` } };
  const parsed = read.value;
  if (!Array.isArray(parsed)) {
    return { digest, problem: { file, message: `must hold a JSON array of ${type} records, found ${parsed === null ? 'null' : typeof parsed}` } };
  }
  return { digest, records: parsed };
}

/** The records of valid shape (as the schema outputs them); problems and invalid slugs for the others. */
function checkShapes(type: EntityType, parsed: unknown[], problems: DataProblem[], invalidSlugs: Set<string>): unknown[] {
  const { file, schema } = ENTITY_FILES[type];
  const records: unknown[] = [];
  parsed.forEach((raw: unknown, index) => {
    const result = schema.safeParse(raw);
    const slug = raw && typeof raw === 'object' && typeof (raw as { slug?: unknown }).slug === 'string' ? (raw as { slug: string }).slug : `#${index}`;
    if (result.success) {
      records.push(result.data);
    } else {
      if (!slug.startsWith('#')) invalidSlugs.add(slug);
      for (const issue of result.error.issues) {
        problems.push({ file, record: slug, field: issue.path.join('.'), message: issue.message });
      }
    }
  });
  return records;
}

/**
 * A source text's bytes. Read synchronously: thousands of small files read one after the
 * other cost less than half what the promise round trips of reading them concurrently do.
 */
function readText(file: string): { bytes: Buffer } | { error: NodeJS.ErrnoException } {
  try {
    return { bytes: readFileSync(file) };
  } catch (error) {
    return { error: error as NodeJS.ErrnoException };
  }
}
