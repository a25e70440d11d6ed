/**
 * `npm run data:reference [DIR]`: cites the installed reference dataset (`countries-list`)
 * in a seed data directory (default: the committed `data/`): writes its text to
 * `sources/<slug>.txt` and its Source record first in `sources.json`, and sets the
 * citation of every Country and every capital Place to the dataset's line for it
 * (replacing a citation of another version, whose source and text go). Writes nothing
 * and exits 1 when the data states a name, code or capital the dataset does not; refuses a
 * directory a server has written (it holds a journal), whose files must change through
 * the store. See docs/data.md ("The reference dataset").
 */
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../src/project-root';
import { citeReferenceDataset } from '../src/reference/cite-reference';
import { ENTITY_FILES, type EntityType, type RecordOf } from '../src/store/contract/records';
import { DataValidationError } from '../src/store/contract/data-problem';
import { JsonStore } from '../src/store/json/json-store';

/** The records of one entity file, checked against the record schema. */
async function readRecords<T extends 'Country' | 'Place' | 'Source'>(directory: string, type: T): Promise<RecordOf[T][]> {
  const json = JSON.parse(await readFile(path.join(directory, ENTITY_FILES[type].file), 'utf8')) as unknown[];
  return json.map((record) => ENTITY_FILES[type].schema.parse(record) as RecordOf[T]);
}

/** Writes a JSON array in the store's file format. */
async function writeRecords(directory: string, type: EntityType, records: readonly object[]): Promise<void> {
  await writeFile(path.join(directory, ENTITY_FILES[type].file), JSON.stringify(records, null, 2) + '\n');
}

async function main(): Promise<number> {
  const directory = path.resolve(process.argv[2] ?? path.join(projectRoot(__dirname), 'data'));
  if (existsSync(path.join(directory, 'journal.jsonl')) || existsSync(path.join(directory, 'store.json'))) {
    console.error(`data:reference: ${directory} is a served data directory (it holds a journal): its files change only through the store`);
    return 1;
  }
  const cited = citeReferenceDataset({
    Country: await readRecords(directory, 'Country'),
    Place: await readRecords(directory, 'Place'),
    Source: await readRecords(directory, 'Source'),
  });
  if (cited.disagreements.length > 0) {
    console.error(`data:reference: ${directory} disagrees with the reference dataset; nothing written:\n${cited.disagreements.map((d) => `  - ${d}`).join('\n')}`);
    return 1;
  }
  const [source] = cited.sources;
  await writeFile(path.join(directory, source!.textFile!), cited.text);
  await writeRecords(directory, 'Source', cited.sources);
  await writeRecords(directory, 'Country', cited.countries);
  await writeRecords(directory, 'Place', cited.places);
  for (const slug of cited.replaced) await rm(path.join(directory, 'sources', `${slug}.txt`), { force: true });
  try {
    const store = await JsonStore.open(directory, { readOnly: true, fullValidation: true });
    await store.close();
  } catch (error) {
    if (!(error instanceof DataValidationError)) throw error;
    console.error(`data:reference: wrote ${directory}, which is now invalid:\n${error.message}`);
    return 1;
  }
  console.log(`data:reference: ${directory} cites ${source!.title} (${cited.countries.length} countries, ${cited.places.filter((p) => p.citations?.some((c) => c.source === source!.slug)).length} capitals)`);
  return 0;
}

void main().then((code) => {
  process.exitCode = code;
});
