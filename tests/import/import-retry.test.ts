/**
 * An import planned against data that another write has changed since: the store refuses
 * the write, the import plans once more against the latest data, and only a second refusal
 * is reported, at the bundle paths, with nothing written.
 */
import { parseBundle, type Bundle } from '../../src/import/bundle';
import { importInto, importIntoStore, type ImportTarget } from '../../src/import/import-into-store';
import type { StoreReader } from '../../src/store/contract/store';
import { JsonStore } from '../../src/store/json/json-store';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';

let dir: string;
let store: JsonStore;
beforeEach(async () => {
  dir = await createTempDataDir();
  store = await JsonStore.open(dir);
});
afterEach(async () => {
  await store.close();
  await removeTempDataDir(dir);
});

/** A report naming a new person, Jane Roe. */
function report(slug: string): Bundle {
  const text = `Jane Roe, a trade envoy of Kazakhstan, visited Tashkent this week (${slug}).`;
  const parsed = parseBundle({
    format: 2,
    source: { slug, title: `Report ${slug}`, kind: 'NEWS_ARTICLE', text },
    people: [{ name: 'Jane Roe', country: 'Kazakhstan', citations: [{ quote: 'Jane Roe, a trade envoy of Kazakhstan' }] }],
  });
  if (!parsed.ok) throw new Error(`invalid test bundle: ${JSON.stringify(parsed.problems)}`);
  return parsed.bundle;
}

/** The store as an import target whose first reads see `stale` (data from before another write), recording each read. */
function targetReading(stale: StoreReader, reads: boolean[], latestToo = true): ImportTarget {
  return {
    read(latest, use) {
      reads.push(latest);
      return use(latest && latestToo ? store.view() : stale);
    },
    write: (changes) => store.write(changes),
  };
}

test('a write refused because another import created the same person is planned again, and the person reused', async () => {
  const stale = store.view();
  expect(await importIntoStore(store, report('first-report'))).toMatchObject({ ok: true });
  const reads: boolean[] = [];
  const result = await importInto(targetReading(stale, reads), report('second-report'));
  expect(reads).toEqual([false, true]);
  expect(result).toMatchObject({ ok: true, records: [{ path: 'source', action: 'create' }, { path: 'people[0]', slug: 'jane-roe', action: 'merge' }] });
  const [person] = await store.getMany('Person', ['jane-roe']);
  expect(person!.citations.map((citation) => citation.source)).toEqual(['first-report', 'second-report']);
});

test('refused twice, the import reports the store\'s problem at the bundle path and writes nothing', async () => {
  const stale = store.view();
  await importIntoStore(store, report('first-report'));
  const before = await store.counts();
  const reads: boolean[] = [];
  const result = await importInto(targetReading(stale, reads, false), report('second-report'));
  expect(reads).toEqual([false, true]);
  expect(result).toEqual({ ok: false, problems: [{ path: 'people[0].slug', message: '"jane-roe" is taken: another Person has this slug' }] });
  expect(await store.counts()).toEqual(before);
});
