/**
 * The review page's model (web/explorer/review/review-model.ts, bundle-records.ts) on a
 * real draft: a short report written for this test is drafted against the article's data
 * (src/draft), reviewed (accept, reject, rename, match, add, edit a meeting), and the
 * reviewed bundle is imported into a real JSON store on a temp directory. A rejected item
 * takes along what cannot stand without it, and every reviewed bundle imports.
 */
import { rm } from 'node:fs/promises';
import { draftBundle, type DraftResult } from '../../src/draft/draft-bundle';
import { parseBundle } from '../../src/import/bundle';
import { importIntoStore } from '../../src/import/import-into-store';
import { JsonStore } from '../../src/store/json/json-store';
import { recordName, type Bundle, type BundleRecord } from '../../web/explorer/review/bundle-records';
import {
  addItem,
  addParticipant,
  renameItem,
  reviewedBundle,
  setMeetingDate,
  startReview,
  type Proposal,
  type Review,
  type ReviewItem,
} from '../../web/explorer/review/review-model';
import { findWords, sentenceAround } from '../../web/explorer/review/text-spans';
import { createTempDataDir } from '../helpers/temp-data-dir';

/** A report of a public event (Biden and Tokayev in New York, 19 September 2023), written for this test. */
const REPORT = [
  'Biden and Tokayev talk security on UN sidelines',
  '',
  'NEW YORK, September 20 - US President Joe Biden held talks with Kazakh President Kassym-Jomart Tokayev on Tuesday on the sidelines of the UN General Assembly. ' +
    'The two leaders discussed regional security and energy. Uzbek President Shavkat Mirziyoyev also met Biden in New York, the White House said. ' +
    'Secretary of State Antony Blinken and Kazakh Foreign Minister Murat Nurtleu joined the talks.',
  '',
].join('\n');

let dir: string;
let store: JsonStore;
let draft: DraftResult;

beforeAll(async () => {
  dir = await createTempDataDir();
  store = await JsonStore.open(dir);
  draft = draftBundle({ text: REPORT, publishedOn: '2023-09-20' }, store.dataset());
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** A fresh review of the draft, every item accepted. */
function review(): Review {
  const started = startReview(structuredClone(draft.bundle) as Bundle, draft.proposals as Proposal[]);
  for (const item of started.items) item.status = 'accepted';
  return started;
}

function item(review: Review, kind: ReviewItem['kind'], name: string): ReviewItem {
  const found = review.items.find((candidate) => candidate.kind === kind && recordName(candidate.record) === name);
  if (!found) throw new Error(`no ${kind} item ${name}: ${review.items.map((i) => `${i.kind} ${recordName(i.record)}`).join(', ')}`);
  return found;
}

const section = (bundle: Bundle, name: string) => (bundle[name] ?? []) as BundleRecord[];
const participantsOf = (meeting: BundleRecord) => (meeting.participants as BundleRecord[]).map((participant) => participant.person);

/** Plans the import of a reviewed bundle against the store as it is (nothing is written): the problems, or none. */
async function importProblems(bundle: Bundle): Promise<string[]> {
  const parsed = parseBundle(bundle);
  if (!parsed.ok) return parsed.problems.map((problem) => `${problem.path}: ${problem.message}`);
  const copy = await createTempDataDir();
  const target = await JsonStore.open(copy);
  try {
    const result = await importIntoStore(target, parsed.bundle);
    return result.ok ? [] : result.problems.map((problem) => `${problem.path}: ${problem.message}`);
  } finally {
    await target.close();
    await rm(copy, { recursive: true, force: true });
  }
}

test('the draft proposes what the test expects of it', () => {
  const people = section(draft.bundle as Bundle, 'people').map((person) => person.name);
  expect(people).toEqual(expect.arrayContaining(['Joe Biden', 'Kassym-Jomart Tokayev', 'Shavkat Mirziyoyev', 'Antony Blinken', 'Murat Nurtleu']));
  expect(section(draft.bundle as Bundle, 'meetings').length).toBeGreaterThanOrEqual(2);
});

test('accepting everything gives the draft back, and it imports', async () => {
  const { bundle, pathOf, droppedWith } = reviewedBundle(review());
  expect(bundle).toEqual(draft.bundle);
  expect(droppedWith.size).toBe(0);
  for (const proposal of draft.proposals) expect(pathOf.get(proposal.path)).toBe(proposal.path);
  expect(await importProblems(bundle)).toEqual([]);
});

test('a rejected person takes their tenure and their places among participants along; the rest imports', async () => {
  const current = review();
  const mirziyoyev = item(current, 'PERSON', 'Shavkat Mirziyoyev');
  mirziyoyev.status = 'rejected';
  const { bundle, droppedWith, pathOf } = reviewedBundle(current);
  expect(section(bundle, 'people').map((person) => person.name)).not.toContain('Shavkat Mirziyoyev');
  expect(section(bundle, 'tenures').map((tenure) => tenure.person)).not.toContain('Shavkat Mirziyoyev');
  for (const meeting of section(bundle, 'meetings')) expect(participantsOf(meeting)).not.toContain('Shavkat Mirziyoyev');
  const tenure = current.items.find((candidate) => candidate.kind === 'TENURE' && candidate.record.person === 'Shavkat Mirziyoyev')!;
  expect(droppedWith.get(tenure.id)).toBe(mirziyoyev.id);
  expect(pathOf.has(mirziyoyev.id)).toBe(false);
  // Paths close up: every kept item's path names its record in the reviewed bundle.
  for (const [id, path] of pathOf) {
    const kept = current.items.find((candidate) => candidate.id === id)!;
    const [, name, index] = /^([a-z]+)\[(\d+)\]$/.exec(path) ?? [];
    if (name) expect(recordName(section(bundle, name)[Number(index)]!)).toBe(recordName(kept.record));
  }
  expect(await importProblems(bundle)).toEqual([]);
});

test('a meeting left without participants goes with them', () => {
  const current = review();
  const meeting = current.items.find((candidate) => candidate.kind === 'MEETING' && participantsOf(candidate.record).includes('Shavkat Mirziyoyev'))!;
  for (const name of participantsOf(meeting.record)) item(current, 'PERSON', String(name)).status = 'rejected';
  const { bundle, droppedWith } = reviewedBundle(current);
  expect(section(bundle, 'meetings').map((m) => m.title)).not.toContain(meeting.record.title);
  expect(droppedWith.has(meeting.id)).toBe(true);
});

test('a rejected country takes its offices (and their tenures) along and leaves its people without a country', async () => {
  const current = review();
  item(current, 'COUNTRY', 'Uzbekistan').status = 'rejected';
  const { bundle } = reviewedBundle(current);
  expect(section(bundle, 'offices').map((office) => office.country)).not.toContain('Uzbekistan');
  expect(section(bundle, 'people').find((person) => person.name === 'Shavkat Mirziyoyev')!.country).toBeNull();
  for (const meeting of section(bundle, 'meetings')) {
    expect(meeting.countries).not.toContain('Uzbekistan');
    for (const participant of meeting.participants as BundleRecord[]) expect(participant.country).not.toBe('Uzbekistan');
  }
  expect(await importProblems(bundle)).toEqual([]);
});

test('renaming a person renames the references to them', async () => {
  const current = review();
  renameItem(current, item(current, 'PERSON', 'Joe Biden'), 'Joseph R. Biden');
  const { bundle } = reviewedBundle(current);
  expect(section(bundle, 'people').map((person) => person.name)).toContain('Joseph R. Biden');
  expect(section(bundle, 'tenures').map((tenure) => tenure.person)).toContain('Joseph R. Biden');
  expect(section(bundle, 'tenures').map((tenure) => tenure.person)).not.toContain('Joe Biden');
  for (const meeting of section(bundle, 'meetings')) expect(participantsOf(meeting)).not.toContain('Joe Biden');
  // The drafted titles named him: they name him anew.
  expect(section(bundle, 'meetings').map((meeting) => meeting.title)).toContain('Talks between Joseph R. Biden and Kassym-Jomart Tokayev');
  expect(await importProblems(bundle)).toEqual([]);
});

test('a picked candidate is `sameAs`; refusing every candidate is `distinctFrom` them', () => {
  const current = review();
  const tokayev = item(current, 'PERSON', 'Kassym-Jomart Tokayev');
  expect(tokayev.chosen).toBe('kassym-jomart-tokayev');
  tokayev.match = { kind: 'new' };
  let person = section(reviewedBundle(current).bundle, 'people').find((p) => p.name === 'Kassym-Jomart Tokayev')!;
  expect(person.sameAs).toBeUndefined();
  expect(person.distinctFrom).toEqual(['kassym-jomart-tokayev']);
  tokayev.match = { kind: 'stored', slug: 'kassym-jomart-tokayev' };
  person = section(reviewedBundle(current).bundle, 'people').find((p) => p.name === 'Kassym-Jomart Tokayev')!;
  expect(person.sameAs).toBe('kassym-jomart-tokayev');
  expect(person.distinctFrom).toBeUndefined();
});

test('a person added from words of the text is cited by their sentence and imports', async () => {
  const current = review();
  item(current, 'PERSON', 'Murat Nurtleu').status = 'rejected';
  const span = findWords(REPORT, 'murat  nurtleu')!;
  expect(span.quote).toBe('Murat Nurtleu');
  const quote = sentenceAround(REPORT, span).quote;
  expect(quote).toBe('Secretary of State Antony Blinken and Kazakh Foreign Minister Murat Nurtleu joined the talks.');
  const added = addItem(current, 'PERSON', span, { name: 'Murat Nurtleu', country: 'Kazakhstan', citations: [{ quote }] });
  const { bundle, pathOf } = reviewedBundle(current);
  const path = pathOf.get(added.id)!;
  expect(path).toMatch(/^people\[\d+\]$/);
  expect(section(bundle, 'people')[Number(/\d+/.exec(path)![0])]!.name).toBe('Murat Nurtleu');
  expect(await importProblems(bundle)).toEqual([]);
});

test('a meeting edited: its day, a participant added (with their country)', async () => {
  const current = review();
  const meeting = current.items.find((candidate) => candidate.kind === 'MEETING' && participantsOf(candidate.record).includes('Shavkat Mirziyoyev'))!;
  setMeetingDate(meeting.record, '2023-09-19', '2023-09-19');
  expect(meeting.record.date).toEqual({ label: '19 September 2023', earliest: '2023-09-19', latest: '2023-09-19', precision: 'DAY' });
  setMeetingDate(meeting.record, null, '2023-09-20');
  expect(meeting.record.date).toEqual({ label: 'on or before 20 September 2023', earliest: null, latest: '2023-09-20', precision: 'ON_OR_BEFORE' });
  setMeetingDate(meeting.record, '2023-09-18', '2023-09-19');
  expect((meeting.record.date as { precision: string }).precision).toBe('DAY_RANGE');
  addParticipant(meeting.record, item(current, 'PERSON', 'Kassym-Jomart Tokayev').record);
  expect(participantsOf(meeting.record)).toContain('Kassym-Jomart Tokayev');
  expect(meeting.record.countries).toContain('Kazakhstan');
  expect(await importProblems(reviewedBundle(current).bundle)).toEqual([]);
});

test('sentenceAround: a sentence, a line, the text\'s ends', () => {
  const text = 'First line\nOne sentence here. Another, with Name Surname in it! Last one';
  const at = (words: string) => sentenceAround(text, findWords(text, words)!).quote;
  expect(at('Name Surname')).toBe('Another, with Name Surname in it!');
  expect(at('First')).toBe('First line');
  expect(at('Last')).toBe('Last one');
  expect(at('sentence')).toBe('One sentence here.');
  expect(findWords(text, 'not there')).toBeNull();
  expect(findWords(text, '   ')).toBeNull();
});
