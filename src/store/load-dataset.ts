/**
 * Reads a data directory: one JSON array per entity type plus the full texts of
 * sources. Collects every problem (unreadable file, bad JSON, bad record shape,
 * broken reference, quote not verbatim) instead of stopping at the first.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DataValidationError, type DataProblem } from './data-problem';
import { ENTITY_FILES, ENTITY_TYPES, type Dataset, type EntityType } from './records';
import { validateDataset } from './validate';

/**
 * Loads and validates `directory`; throws DataValidationError listing every problem.
 * `replay` may change the data read from the files before it is validated (the journal
 * of writes not yet compacted into them).
 */
export async function loadDataset(directory: string, replay?: (data: Dataset) => void): Promise<Dataset> {
  await assertDataDirectory(directory);
  const problems: DataProblem[] = [];
  const data = { texts: new Map<string, string>() } as Dataset;
  // Slugs of records whose shape is invalid: references to them are not reported again as unknown.
  const invalidSlugs = new Map<EntityType, Set<string>>();
  // Types whose file could not be read at all: references into them are not checked.
  const unreadable = new Set<EntityType>();
  for (const type of ENTITY_TYPES) {
    const invalid = new Set<string>();
    (data as Record<EntityType, unknown[]>)[type] = await readRecords(directory, type, problems, invalid, unreadable);
    invalidSlugs.set(type, invalid);
  }
  replay?.(data);
  const unreadableTexts = new Set<string>();
  for (const source of data.Source) {
    if (source.textFile === null || data.texts.has(source.slug)) continue;
    try {
      data.texts.set(source.slug, await readFile(path.join(directory, source.textFile), 'utf8'));
    } catch (error) {
      unreadableTexts.add(source.slug);
      problems.push({ file: 'sources.json', record: source.slug, field: 'textFile', message: `cannot read ${source.textFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
    }
  }
  problems.push(...validateDataset(data, { invalidSlugs, unreadableTypes: unreadable, unreadableTexts }));
  if (problems.length > 0) throw new DataValidationError(directory, problems);
  return data;
}

/** Throws DataValidationError when `directory` is not a directory. */
export async function assertDataDirectory(directory: string): Promise<void> {
  const isDirectory = await stat(directory).then((entry) => entry.isDirectory(), () => false);
  if (!isDirectory) throw new DataValidationError(directory, [{ file: '.', message: 'no such directory' }]);
}

async function readRecords(
  directory: string,
  type: EntityType,
  problems: DataProblem[],
  invalidSlugs: Set<string>,
  unreadable: Set<EntityType>,
): Promise<unknown[]> {
  const { file, schema } = ENTITY_FILES[type];
  let text: string;
  try {
    text = await readFile(path.join(directory, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push({ file, message: code === 'ENOENT' ? 'file is missing' : `cannot read file: ${code ?? String(error)}` });
    unreadable.add(type);
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    problems.push({ file, message: `not valid JSON: ${(error as Error).message}` });
    unreadable.add(type);
    return [];
  }
  if (!Array.isArray(parsed)) {
    problems.push({ file, message: `must hold a JSON array of ${type} records, found ${parsed === null ? 'null' : typeof parsed}` });
    unreadable.add(type);
    return [];
  }
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
