/**
 * Names in other languages through the import: kept on the stored record with their
 * language tag in canonical case, left out of records that have none (so data written
 * before the field existed is written back byte for byte), and refused at their bundle
 * path when malformed.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseBundle } from '../../src/import/bundle';
import { importIntoStore } from '../../src/import/import-into-store';
import { JsonStore } from '../../src/store/json/json-store';
import { createTempDataDir, SHIPPED_DATA_DIR } from '../helpers/temp-data-dir';

const TEXT = 'Kazakh Foreign Minister Mukhtar Tileuberdi met reporters in Astana on Monday.';
const source = { slug: 'names-import-report', title: 'A minister in Astana', kind: 'NEWS_ARTICLE', text: TEXT };
const tileuberdi = { name: 'Mukhtar Tileuberdi', country: 'Kazakhstan', citations: [{ quote: 'Kazakh Foreign Minister Mukhtar Tileuberdi' }] };

let dir: string;
beforeEach(async () => {
  dir = await createTempDataDir();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a person with names in other languages is stored with them, tags in canonical case; the records without names are written back unchanged', async () => {
  const parsed = parseBundle({ format: 1, source, people: [{ ...tileuberdi, names: [{ value: 'Мухтар Тлеуберди', lang: 'RU' }, { value: 'Мұхтар Тілеуберді', lang: 'kk-cyrl' }] }] });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const store = await JsonStore.open(dir);
  try {
    expect(await importIntoStore(store, parsed.bundle)).toMatchObject({ ok: true });
  } finally {
    await store.close();
  }
  const people = JSON.parse(await readFile(path.join(dir, 'people.json'), 'utf8'));
  const shipped = JSON.parse(await readFile(path.join(SHIPPED_DATA_DIR, 'people.json'), 'utf8'));
  expect(people.slice(0, shipped.length)).toEqual(shipped);
  expect(people.every((person: object, i: number) => i === shipped.length || !('names' in person))).toBe(true);
  expect(people.at(-1)).toEqual({
    slug: 'mukhtar-tileuberdi',
    name: 'Mukhtar Tileuberdi',
    aliases: [],
    names: [
      { value: 'Мухтар Тлеуберди', lang: 'ru' },
      { value: 'Мұхтар Тілеуберді', lang: 'kk-Cyrl' },
    ],
    country: 'kazakhstan',
    citations: [{ source: 'names-import-report', quote: 'Kazakh Foreign Minister Mukhtar Tileuberdi' }],
  });
});

test('an empty list of names is left out of the stored record', async () => {
  const parsed = parseBundle({ format: 1, source, people: [{ ...tileuberdi, names: [] }] });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const store = await JsonStore.open(dir);
  try {
    await importIntoStore(store, parsed.bundle);
  } finally {
    await store.close();
  }
  const people = JSON.parse(await readFile(path.join(dir, 'people.json'), 'utf8'));
  expect(Object.keys(people.at(-1))).toEqual(['slug', 'name', 'aliases', 'country', 'citations']);
});

test('a malformed language tag, an empty value and a repeated name are problems at their bundle paths', () => {
  expect(parseBundle({ format: 1, source, people: [{ ...tileuberdi, names: [{ value: 'Тлеуберди', lang: 'x' }, { value: '', lang: 'ru' }] }] })).toEqual({
    ok: false,
    problems: [
      { path: 'people[0].names[0].lang', message: 'must be a BCP 47 language tag such as "en", "ru" or "kk-Cyrl"' },
      { path: 'people[0].names[1].value', message: 'must not be empty' },
    ],
  });
  expect(parseBundle({ format: 1, source, topics: [{ name: 'trade', names: [{ value: 'торговля', lang: 'ru' }, { value: 'торговля', lang: 'ru' }] }] })).toEqual({
    ok: false,
    problems: [{ path: 'topics[0].names[1]', message: 'repeats the name "торговля" in ru' }],
  });
});

describe('a second report', () => {
  const importBundle = async (bundle: object) => {
    const parsed = parseBundle(bundle);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const store = await JsonStore.open(dir);
    try {
      return await importIntoStore(store, parsed.bundle);
    } finally {
      await store.close();
    }
  };
  const storedPeople = async () => JSON.parse(await readFile(path.join(dir, 'people.json'), 'utf8')) as { slug: string; aliases: string[]; names?: object[] }[];

  test("adds its names in other languages to a stored person who had none, and a person named by one of them is that person", async () => {
    const UMAROV_TEXT = 'First Deputy Foreign Minister Kairat Umarov spoke to reporters. Кайрат Умаров said the talks went well.';
    const report = { format: 1, source: { slug: 'umarov-second-report', title: 'Umarov speaks', kind: 'NEWS_ARTICLE', text: UMAROV_TEXT } };
    expect(
      await importBundle({ ...report, people: [{ name: 'Kairat Umarov', names: [{ value: 'Кайрат Умаров', lang: 'ru' }], citations: [{ quote: 'First Deputy Foreign Minister Kairat Umarov' }] }] }),
    ).toMatchObject({ ok: true });
    const umarov = (await storedPeople()).find((person) => person.slug === 'kairat-umarov')!;
    expect({ aliases: umarov.aliases, names: umarov.names }).toEqual({ aliases: [], names: [{ value: 'Кайрат Умаров', lang: 'ru' }] });

    const count = (await storedPeople()).length;
    expect(await importBundle({ ...report, people: [{ name: 'Кайрат Умаров', citations: [{ quote: 'Кайрат Умаров said the talks went well' }] }] })).toMatchObject({ ok: true });
    const people = await storedPeople();
    expect(people).toHaveLength(count);
    expect(people.find((person) => person.slug === 'kairat-umarov')!.aliases).toEqual([]);
  });
});
