/**
 * The shape of a generated corpus of 2,000 meetings: meetings of 2-10 participants dated
 * 1996-2026 at every precision, people, offices, organizations and topics in the targeted
 * proportions, every ISO 3166-1 country, and the links (tenures, parents, partOf, format,
 * member countries) that make the graph worth querying.
 */
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import * as isoCountries from 'i18n-iso-countries';
import { DATE_PRECISIONS, MEETING_KINDS } from '../../src/domain/vocabularies';
import { loadDataset } from '../../src/store/json/load-dataset';
import type { Dataset } from '../../src/store/contract/records';
import { runSynth, tempDir } from './run-synth';

const MEETINGS = 2000;

let root: string;
let data: Dataset;

beforeAll(async () => {
  root = await tempDir();
  const dir = path.join(root, 'corpus');
  const run = await runSynth(['--meetings', String(MEETINGS), '--out', dir]);
  expect(run.code).toBe(0);
  data = await loadDataset(dir);
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Share of `items` for which `predicate` holds. */
function share<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length / items.length;
}

describe('meetings', () => {
  test('have 2 to 10 participants, most of them 2 or 3', () => {
    const counts = data.Meeting.map((meeting) => meeting.participants.length);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...counts)).toBeLessThanOrEqual(10);
    expect(share(counts, (count) => count <= 3)).toBeGreaterThan(0.6);
    expect(share(counts, (count) => count >= 6)).toBeGreaterThan(0.02);
  });

  test('are dated within 1996-2026 at every precision the schema knows', () => {
    for (const { date } of data.Meeting) {
      for (const bound of [date.earliest, date.latest]) {
        if (bound !== null) expect(bound >= '1996-01-01' && bound <= '2026-12-31').toBe(true);
      }
    }
    expect(new Set(data.Meeting.map((meeting) => meeting.date.precision))).toEqual(new Set(DATE_PRECISIONS));
    expect(share(data.Meeting, (meeting) => meeting.date.precision === 'DAY')).toBeGreaterThan(0.4);
    const years = new Set(data.Meeting.map((meeting) => (meeting.date.earliest ?? meeting.date.latest)?.slice(0, 4)));
    expect(years.has('1996') && years.has('2026')).toBe(true);
  });

  test('are of every kind, coded with CAMEO and PLOVER, and linked to places, formats and parent meetings', () => {
    expect(new Set(data.Meeting.map((meeting) => meeting.kind))).toEqual(new Set(MEETING_KINDS));
    expect(data.Meeting.find((meeting) => meeting.kind === 'PHONE_CALL')?.coding).toEqual({ cameo: '041', ploverCategory: 'CONSULT', ploverMode: 'PHONE' });
    expect(share(data.Meeting, (meeting) => meeting.partOf !== null)).toBeGreaterThan(0.05);
    expect(share(data.Meeting, (meeting) => meeting.format !== null)).toBeGreaterThan(0.02);
    expect(share(data.Meeting, (meeting) => meeting.location !== null)).toBeGreaterThan(0.4);
    expect(share(data.Meeting, (meeting) => meeting.outcomes.length > 0)).toBeGreaterThan(0.2);
    const participants = data.Meeting.flatMap((meeting) => meeting.participants);
    expect(share(participants, (p) => p.person !== null && p.office !== null)).toBeGreaterThan(0.3);
    expect(participants.some((p) => p.person === null && p.office !== null && p.label !== null)).toBe(true);
    expect(participants.some((p) => p.organization !== null)).toBe(true);
  });

  test('parts of a visit share its countries', () => {
    const bySlug = new Map(data.Meeting.map((meeting) => [meeting.slug, meeting]));
    const parts = data.Meeting.filter((m) => m.partOf !== null && bySlug.get(m.partOf)!.kind === 'VISIT');
    expect(parts.length).toBeGreaterThan(0);
    for (const meeting of parts) {
      expect(bySlug.get(meeting.partOf!)!.countries).toEqual(expect.arrayContaining(meeting.countries));
    }
  });
});

describe('proportions at 2,000 meetings', () => {
  test.each([
    ['Person', 400],
    ['Office', 100],
    ['Organization', 40],
    // Topics grow with the square root of the corpus: 300 at 100,000 meetings.
    ['Topic', 42],
    ['Source', MEETINGS / 14],
  ] as const)('%s: about %d', (type, target) => {
    expect(data[type].length).toBeGreaterThanOrEqual(target * 0.9);
    expect(data[type].length).toBeLessThanOrEqual(target * 1.1);
  });

  test('every office has held tenures, some still open, with fuzzy starts and ends', () => {
    const held = new Set(data.Tenure.map((tenure) => tenure.office));
    expect(data.Office.every((office) => held.has(office.slug))).toBe(true);
    expect(data.Tenure.some((tenure) => tenure.end === null)).toBe(true);
    expect(new Set(data.Tenure.map((tenure) => tenure.start?.precision ?? null)).size).toBeGreaterThanOrEqual(5);
    expect(data.Tenure.length).toBeGreaterThan(data.Office.length * 3);
  });
});

describe('reference data', () => {
  test('holds every ISO 3166-1 country with its English name, each with a capital in it', () => {
    const codes = Object.keys(isoCountries.getNames('en')).sort();
    expect(data.Country.map((country) => country.isoCode).sort()).toEqual(codes);
    const places = new Map(data.Place.map((place) => [place.slug, place]));
    for (const country of data.Country) expect(places.get(country.capital!)!.country).toBe(country.slug);
    const us = data.Country.find((country) => country.isoCode === 'US')!;
    expect(us).toMatchObject({ slug: 'united-states', name: 'United States' });
    expect(us.aliases).toContain('United States of America');
  });

  test('organizations include international ones with member countries, and ministries under governments', () => {
    const kinds = new Set(data.Organization.map((organization) => organization.kind));
    for (const kind of ['GOVERNMENT', 'MINISTRY', 'NEWS_OUTLET', 'INTERNATIONAL_ORGANIZATION', 'DIPLOMATIC_FORMAT'] as const) expect(kinds).toContain(kind);
    expect(data.Organization.filter((o) => o.kind === 'INTERNATIONAL_ORGANIZATION').every((o) => o.memberCountries.length >= 3)).toBe(true);
    expect(data.Organization.some((o) => o.kind === 'MINISTRY' && o.parent !== null)).toBe(true);
  });

  test('topics form a hierarchy of up to three levels', () => {
    const parents = new Map(data.Topic.map((topic) => [topic.slug, topic.parent]));
    const depth = (slug: string): number => (parents.get(slug) ? 1 + depth(parents.get(slug)!) : 1);
    const depths = new Set(data.Topic.map((topic) => depth(topic.slug)));
    expect(depths).toEqual(new Set([1, 2, 3]));
  });

  test('every person, tenure and meeting is cited by a quote found in its source text', () => {
    for (const record of [...data.Person, ...data.Tenure, ...data.Meeting]) {
      expect(record.citations.length).toBeGreaterThan(0);
      for (const citation of record.citations) expect(data.texts.get(citation.source)).toContain(citation.quote);
    }
  });
});

describe('source texts', () => {
  test('stay short however many meetings (50,000 here): appointment notices go on in the next source once one holds 32,000 characters of them', () => {
    // Before, every tenure begun before the first source was announced in that one: 94 KB at
    // 50,000 meetings, 2.5 MB (past the 1 MiB a source text may hold) at a million.
    // The built generator in a process of its own, as the CLI runs it (jest cannot load its name generator, an ES module).
    const generate = path.resolve(__dirname, '../../dist/tools/synth/generate');
    const script = `const { DEFAULT_SEED, generateDataset } = require(${JSON.stringify(generate)});
      const data = generateDataset({ meetings: 50000, seed: DEFAULT_SEED });
      console.log(Math.max(...[...data.texts.values()].map((text) => text.length)));`;
    const longest = Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    expect(longest).toBeGreaterThan(32_000);
    expect(longest).toBeLessThan(40_000);
  }, 60_000);
});
