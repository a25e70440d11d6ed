/**
 * The drafting bench's labelled set (bench/draft): every report has its expected file and the
 * other way round, each expected file is well formed, its names are in its report, its stored
 * slugs are records of data/, and the reports have the lengths the bench relies on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadLabelledSet } from '../../bench/draft/labelled-set';
import { foldName, parseExpectedReport } from '../../bench/draft/score';

const ROOT = path.resolve(__dirname, '../..');
const REPORTS = path.join(ROOT, 'bench/draft/reports');
const EXPECTED = path.join(ROOT, 'bench/draft/expected');

const reports = readdirSync(REPORTS).filter((file) => file.endsWith('.txt')).sort();
const expectedFiles = readdirSync(EXPECTED).filter((file) => file.endsWith('.json')).sort();
const slugs = (file: string) => new Set((JSON.parse(readFileSync(path.join(ROOT, 'data', file), 'utf8')) as { slug: string }[]).map((record) => record.slug));
const STORED = { people: slugs('people.json'), organizations: slugs('organizations.json'), places: slugs('places.json') };
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

test('at least 18 reports, each with its expected file and no expected file without a report', () => {
  expect(reports.length).toBeGreaterThanOrEqual(18);
  expect(loadLabelledSet(path.join(ROOT, 'bench/draft')).map((item) => item.file)).toEqual(reports);
  expect(expectedFiles).toEqual(reports.map((file) => file.replace(/\.txt$/, '.json')));
  for (const file of reports) expect(file).toMatch(/^\d{2}-[a-z0-9-]+\.txt$/);
});

test('reports are short (80 to 400 words) but for one of about 1,000 words', () => {
  const lengths = reports.map((file) => words(readFileSync(path.join(REPORTS, file), 'utf8')));
  const long = lengths.filter((count) => count > 400);
  expect(long).toHaveLength(1);
  expect(long[0]).toBeGreaterThanOrEqual(900);
  expect(long[0]).toBeLessThanOrEqual(1200);
  for (const count of lengths.filter((count) => count <= 400)) expect(count).toBeGreaterThanOrEqual(80);
});

describe.each(reports)('%s', (file) => {
  const text = readFileSync(path.join(REPORTS, file), 'utf8');
  const report = parseExpectedReport(JSON.parse(readFileSync(path.join(EXPECTED, file.replace(/\.txt$/, '.json')), 'utf8')), file);
  const folded = ` ${foldName(text)} `;

  test('the title is the first line, and every expected name is in the text', () => {
    expect(report.title).toBe(text.split('\n')[0]!.trim());
    for (const category of ['people', 'organizations', 'places'] as const) {
      for (const entity of report.expected[category]) {
        for (const name of [entity.name, ...(entity.also ?? [])]) expect(folded).toContain(` ${foldName(name)} `);
        if (entity.stored !== null) expect(STORED[category].has(entity.stored)).toBe(true);
      }
    }
  });

  test('meeting dates lie on or before publication, earliest before latest', () => {
    for (const { date } of report.expected.meetings) {
      expect(date.latest).not.toBeNull();
      expect(date.latest! <= report.publishedOn).toBe(true);
      if (date.earliest !== null) expect(date.earliest <= date.latest!).toBe(true);
    }
  });
});
