/**
 * A class of cases for the import's identity rules: a stored name written with other
 * case, accents, punctuation or spacing ("washington , d.c.", "KAIRAT-UMÁROV") is the
 * stored record, reused, never a near match that stops the import nor a second record.
 * Every name of the article's people, places, organizations and countries is tried in
 * random such spellings.
 */
import fc from 'fast-check';
import { parseBundle } from '../../src/import/bundle';
import { planImport, type ExistingData } from '../../src/import/import-bundle';
import { loadDataset } from '../../src/store/json/load-dataset';
import { SHIPPED_DATA_DIR } from '../helpers/temp-data-dir';

let existing: ExistingData;
beforeAll(async () => {
  existing = await loadDataset(SHIPPED_DATA_DIR);
});

const ARTICLE = 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation';
const SEPARATORS = [' ', '  ', ', ', ' - ', '. ', ' / ', '-'];

/** A spelling of `name` with each letter's case, an accent now and then, and the separators between words changed. */
function respelled(name: string) {
  const words = name.split(/[\s,.\-/]+/).filter((word) => word !== '');
  return fc
    .tuple(
      fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }),
      fc.array(fc.constantFrom(...SEPARATORS), { minLength: words.length, maxLength: words.length }),
      fc.array(fc.constantFrom('', '', '', '\u0301', '\u0308'), { minLength: name.length, maxLength: name.length }),
      fc.constantFrom('', '.', ','),
    )
    .map(([upper, separators, marks, end]) => {
      let i = 0;
      const cased = words.map((word) => [...word].map((c) => (upper[i] ? c.toUpperCase() : c.toLowerCase()) + (/[a-z]/i.test(c) ? marks[i++]! : '')).join(''));
      return cased.map((word, k) => (k === 0 ? word : separators[k]! + word)).join('') + end;
    });
}

test('a stored name respelled names the stored record: a bundle using it reuses the record and stops nowhere', () => {
  const named = [
    ...existing.Person.map((r) => ({ type: 'people', record: r, body: (name: string) => ({ name, citations: [{ quote: 'First Deputy Foreign Minister of Kazakhstan Kairat Umarov' }] }) })),
    ...existing.Place.map((r) => ({ type: 'places', record: r, body: (name: string) => ({ name, kind: r.kind, country: r.country }) })),
    ...existing.Organization.map((r) => ({ type: 'organizations', record: r, body: (name: string) => ({ name, kind: r.kind, country: r.country }) })),
    ...existing.Country.map((r) => ({ type: 'countries', record: r, body: (name: string) => ({ name, isoCode: r.isoCode }) })),
  ];
  fc.assert(
    fc.property(
      fc.constantFrom(...named).chain((entry) => respelled(entry.record.name).map((name) => ({ ...entry, name }))),
      ({ type, record, body, name }) => {
        const parsed = parseBundle({ format: 2, source: { slug: ARTICLE, title: 'The article', kind: 'NEWS_ARTICLE', text: 'stored' }, [type]: [body(name)] });
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
        const planned = planImport(parsed.bundle, existing);
        if (!planned.ok) throw new Error(`${JSON.stringify(name)} (${record.slug}): ${JSON.stringify(planned.problems)}`);
        const created = Object.values(planned.plan.summary.created).reduce((a, b) => a + b, 0);
        return created === 0 && planned.plan.changes.every((change) => change.operation !== 'create');
      },
    ),
    { numRuns: 400 },
  );
});
