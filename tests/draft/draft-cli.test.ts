/**
 * `npm run draft` (dist/scripts/draft.js) as a user runs it: the draft JSON on stdout,
 * resolved against a data directory read without a lock; exit 2 for bad arguments, 1 for
 * a file that cannot be read or drafted (missing, not UTF-8, NUL bytes, empty, 10 MB);
 * and the round trip: a draft, its near matches settled, imported with `npm run import`.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runScript } from '../helpers/run-script';
import { createTempDataDir } from '../helpers/temp-data-dir';

const DRAFT_CLI = path.join(ROOT, 'dist/scripts/draft.js');
const IMPORT_CLI = path.join(ROOT, 'dist/scripts/import.js');
const ARTICLE = path.join(ROOT, 'data/sources/urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation.txt');

let work: string;
let dataDir: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'entente-draft-'));
  dataDir = await createTempDataDir();
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

test('prints the draft of the seed article as JSON on stdout, resolved against the data directory', async () => {
  const run = await runScript(DRAFT_CLI, [ARTICLE, '--published-on', '2023-04-30', '--publisher', 'UrduPoint News', '--data-dir', dataDir]);
  expect(run.code).toBe(0);
  const draft = JSON.parse(run.stdout) as { bundle: { source: { publisher: string } }; proposals: { kind: string; span: { quote: string }; chosen: string | null }[] };
  expect(draft.bundle.source.publisher).toBe('UrduPoint News');
  expect(draft.proposals.find((p) => p.kind === 'PERSON' && p.span.quote === 'Antony Blinken')?.chosen).toBe('antony-blinken');
  expect(run.stderr).toMatch(/^draft: urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation\.txt: proposed \d+ items; 0 near matches to settle/m);
});

test.each([
  [[], /name the report file/],
  [[ARTICLE, '--published-on', '2023-02-30'], /--published-on must be a real calendar date/],
  [[ARTICLE, '--published-on'], /--published-on needs a value/],
  [[ARTICLE, '--verbose'], /unknown option --verbose/],
])('bad arguments %j exit 2 with the usage', async (args, message) => {
  const run = await runScript(DRAFT_CLI, args as string[]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).toMatch(/usage: npm run draft -- REPORT\.txt/);
  expect(run.stdout).toBe('');
});

test.each([
  ['missing.txt', null, /cannot read it: ENOENT/],
  ['binary.bin', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x01]), /not UTF-8 text/],
  ['nul.txt', Buffer.from('Antony Blinken met\u0000Kairat Umarov'), /control character U\+0000/],
  ['empty.txt', Buffer.from(''), /the text is empty/],
  ['large.txt', Buffer.from('Antony Blinken met Kairat Umarov in Astana. '.repeat(240_000)), /bytes of UTF-8; a draft takes at most 102400 bytes .*\(TEXT_TOO_LARGE\)/],
])('%s: exit 1 with the reason', async (name, content, message) => {
  const file = path.join(work, name);
  if (content !== null) await writeFile(file, content);
  const run = await runScript(DRAFT_CLI, [file, '--published-on', '2023-04-30', '--data-dir', dataDir]);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(message);
  expect(run.stdout).toBe('');
});

test('draft, settle the near matches, import: the report becomes data with its quotes', async () => {
  const report = [
    'Kazakh and US diplomats meet in Washington',
    '',
    'WASHINGTON, May 3 - Kazakh First Deputy Foreign Minister Kayrat Umarov met US Deputy Secretary of State Richard Verma in Washington on Tuesday.',
    'The two officials discussed energy and trade, the Kazakh Foreign Ministry said.',
  ].join('\n');
  const file = path.join(work, 'report.txt');
  await writeFile(file, report);
  const drafted = await runScript(DRAFT_CLI, [file, '--published-on', '2023-05-03', '--url', 'https://example.org/umarov-verma', '--data-dir', dataDir]);
  expect(drafted.code).toBe(0);
  // The misspelled name, the office written shorter than the stored one, the stored meeting of Umarov and Verma days before.
  expect(drafted.stderr).toMatch(/3 near matches to settle/);
  const draft = JSON.parse(drafted.stdout) as { bundle: Record<string, Record<string, unknown>[]>; proposals: { path: string; candidates: { slug: string }[]; chosen: string | null }[] };
  // Unsettled, the import stops at the near name and changes nothing.
  const unsettled = path.join(work, 'unsettled.json');
  await writeFile(unsettled, JSON.stringify(draft.bundle));
  const stopped = await runScript(IMPORT_CLI, [unsettled, '--data-dir', dataDir]);
  expect(stopped.code).toBe(1);
  expect(stopped.stderr).toMatch(/people\[\d+\]: has a name near that of a stored Person/);
  // The reviewer takes the best candidate of each name, and says the meeting is a new one (it is two days later).
  for (const proposal of draft.proposals) {
    if (proposal.chosen !== null || proposal.candidates.length === 0) continue;
    const [, section, index] = /^(\w+)\[(\d+)\]$/.exec(proposal.path)!;
    const record = draft.bundle[section!]![Number(index)]!;
    if (section === 'meetings') record.distinctFrom = proposal.candidates.map((candidate) => candidate.slug);
    else record.sameAs = proposal.candidates[0]!.slug;
  }
  const settled = path.join(work, 'settled.json');
  await writeFile(settled, JSON.stringify(draft.bundle));
  const imported = await runScript(IMPORT_CLI, [settled, '--data-dir', dataDir]);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  expect(imported.stdout).toMatch(/created .*1 source.*1 meeting/);
  const people = JSON.parse(await readFile(path.join(dataDir, 'people.json'), 'utf8')) as { slug: string; aliases: string[] }[];
  expect(people.find((p) => p.slug === 'kairat-umarov')?.aliases).toContain('Kayrat Umarov');
  const meetings = JSON.parse(await readFile(path.join(dataDir, 'meetings.json'), 'utf8')) as { title: string; date: { earliest: string }; participants: { person: string }[] }[];
  const meeting = meetings.find((m) => m.date.earliest === '2023-05-02')!;
  expect(meeting.title).toBe('Kayrat Umarov meets Richard Verma');
  expect(meeting.participants.map((p) => p.person)).toEqual(['kairat-umarov', 'richard-verma']);
});
