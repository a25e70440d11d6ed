/**
 * The codings follow the official CAMEO-to-PLOVER mapping (CAMEO2PLOVER-2021.txt,
 * openeventdata/PLOVER): the mapping's rows, the rule every record is held to, and every
 * seed record and example-bundle record checked against it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CAMEO_TO_PLOVER, ploverDisagreement } from '../../src/domain/cameo-plover';
import { CAMEO_CODES } from '../../src/domain/vocabularies';
import { eventCodingRecord, meetingRecord, outcomeRecord, type MeetingRecord } from '../../src/store/contract/records';
import { SHIPPED_DATA_DIR } from '../helpers/temp-data-dir';

const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;

describe('the mapping', () => {
  test('holds the rows of CAMEO2PLOVER-2021: 040 has no mode, 042 and 043 are visits', () => {
    const rows = Object.fromEntries(['030', '032', '036', '040', '041', '042', '043', '044', '045', '046', '050', '051', '057'].map((code) => [code, CAMEO_TO_PLOVER.get(code)]));
    expect(rows).toEqual({
      '030': { ploverCategory: 'AGREE', ploverMode: null },
      '032': { ploverCategory: 'AGREE', ploverMode: null },
      '036': { ploverCategory: 'AGREE', ploverMode: null },
      '040': { ploverCategory: 'CONSULT', ploverMode: null },
      '041': { ploverCategory: 'CONSULT', ploverMode: 'PHONE' },
      '042': { ploverCategory: 'CONSULT', ploverMode: 'VISIT' },
      '043': { ploverCategory: 'CONSULT', ploverMode: 'VISIT' },
      '044': { ploverCategory: 'CONSULT', ploverMode: 'THIRD_PARTY' },
      '045': { ploverCategory: 'CONSULT', ploverMode: null },
      '046': { ploverCategory: 'CONSULT', ploverMode: null },
      '050': { ploverCategory: 'SUPPORT', ploverMode: null },
      '051': { ploverCategory: 'SUPPORT', ploverMode: null },
      '057': { ploverCategory: 'SUPPORT', ploverMode: null },
    });
  });

  test('has a row for every known CAMEO code of the families 03-05, and none for 01-02', () => {
    const known = [...CAMEO_CODES.keys()];
    expect(known.filter((code) => /^0[345]/.test(code) && !CAMEO_TO_PLOVER.has(code))).toEqual([]);
    expect(known.filter((code) => /^0[12]/.test(code) && CAMEO_TO_PLOVER.has(code))).toEqual([]);
  });
});

describe('the rule', () => {
  test("refuses a coding that is not the mapping's, naming what the mapping says", () => {
    const result = eventCodingRecord.safeParse({ cameo: '040', ploverCategory: 'CONSULT', ploverMode: 'VISIT' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map(({ path: at, message }) => ({ at, message }))).toEqual([
      { at: ['ploverCategory'], message: 'CAMEO 040 is PLOVER CONSULT with no mode in CAMEO2PLOVER-2021 (openeventdata/PLOVER), not CONSULT with mode VISIT' },
    ]);
    expect(eventCodingRecord.safeParse({ cameo: '042', ploverCategory: 'CONSULT', ploverMode: null }).success).toBe(false);
    expect(eventCodingRecord.safeParse({ cameo: '057', ploverCategory: 'AGREE', ploverMode: null }).success).toBe(false);
    expect(eventCodingRecord.safeParse({ cameo: '043', ploverCategory: 'CONSULT', ploverMode: 'VISIT' }).success).toBe(true);
  });

  test("refuses an outcome whose category is not its code's; a code without one takes none", () => {
    const outcome = (fields: object) => outcomeRecord.safeParse({ description: 'An outcome.', citations: [{ source: 's', quote: 'three words here' }], ...fields });
    expect(outcome({ cameo: '030', ploverCategory: 'AGREE' }).success).toBe(true);
    expect(outcome({ cameo: '030' }).success).toBe(true);
    expect(outcome({ cameo: '030', ploverCategory: 'SUPPORT' }).error?.issues[0]?.message).toBe('CAMEO 030 is PLOVER AGREE in CAMEO2PLOVER-2021 (openeventdata/PLOVER), not SUPPORT');
    expect(outcome({ cameo: '019' }).success).toBe(true);
    expect(outcome({ cameo: '019', ploverCategory: 'AGREE' }).error?.issues[0]?.message).toBe(
      'CAMEO 019 has no PLOVER equivalent in CAMEO2PLOVER-2021 (openeventdata/PLOVER): use a code of the families 03-05',
    );
  });
});

describe('every seed record', () => {
  test('codes its meeting and every outcome as the mapping does, and states the outcome category', async () => {
    const meetings = await readJson<MeetingRecord[]>(path.join(SHIPPED_DATA_DIR, 'meetings.json'));
    expect(meetings.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const meeting of meetings) {
      const coding = ploverDisagreement(meeting.coding.cameo, meeting.coding.ploverCategory, meeting.coding.ploverMode);
      if (coding !== null) problems.push(`${meeting.slug}: ${coding}`);
      if (!meetingRecord.safeParse(meeting).success) problems.push(`${meeting.slug}: not a valid record`);
      meeting.outcomes.forEach((outcome, i) => {
        if (outcome.ploverCategory == null) problems.push(`${meeting.slug}: outcomes.${i} has no PLOVER category`);
        const disagreement = ploverDisagreement(outcome.cameo, outcome.ploverCategory ?? '');
        if (disagreement !== null) problems.push(`${meeting.slug}: outcomes.${i}: ${disagreement}`);
      });
    }
    expect(problems).toEqual([]);
  });

  test('of the example bundle too', async () => {
    const bundle = await readJson<{ meetings: { slug: string; coding: { cameoCode: string; ploverCategory: string; ploverMode: string | null }; outcomes?: { cameoCode: string; ploverCategory?: string }[] }[] }>(
      path.resolve(__dirname, '../../examples/bundles/2023-04-30-kazakhstan-us.json'),
    );
    const problems = bundle.meetings.flatMap((meeting) => [
      ploverDisagreement(meeting.coding.cameoCode, meeting.coding.ploverCategory, meeting.coding.ploverMode),
      ...(meeting.outcomes ?? []).map((outcome) => ploverDisagreement(outcome.cameoCode, outcome.ploverCategory ?? '')),
    ]);
    expect(problems.filter((problem) => problem !== null)).toEqual([]);
  });
});
