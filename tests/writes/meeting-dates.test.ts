/**
 * Meeting dates over writes, on both stores: a second source's claim narrows a date to
 * the day, each bound with its source; claims that share no day are kept side by side
 * (the preferred one is the date); a meeting re-dated re-dates, in the same write, the
 * meetings bounded by it (parts, related meetings); relations that would bound dates in a
 * circle, or a meeting by itself, are refused; a meeting others relate to is not deleted.
 */
import { toGlobalId } from '../../src/schema/relay/global-id';
import { ARTICLE_ID, meetingInput } from '../helpers/meeting-input';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { writerTo } from '../helpers/writer';

const TOKEN = 'meeting-dates-writer-token';
const gid = toGlobalId;

/** A report of the C5+1 on the day; every quote below occurs in it verbatim. */
const REPORT_TEXT =
  'ASTANA, 28 February 2023. US Secretary of State Antony Blinken met the foreign ministers of Central Asia in Astana on Tuesday 28 February. ' +
  'A later wire dated the ministerial to Wednesday 1 March, a day after the others.';

let api: TestServer;
beforeEach(async () => {
  api = await startTestServer({ env: { API_TOKENS: TOKEN } });
});
afterEach(() => api.stop());

const { write, written } = writerTo(() => api, TOKEN);

const DATE_FIELDS = `date { label earliest latest precision boundedBy { earliest { kind day citations { source { slug } } meeting { slug } } latest { kind day citations { source { slug } } meeting { slug } } } }`;
const CREATE_MEETING = `mutation CreateMeeting($input: CreateMeetingInput!) { createMeeting(input: $input) { meeting { slug ${DATE_FIELDS} } } }`;
const UPDATE_MEETING = `mutation UpdateMeeting($id: ID!, $input: UpdateMeetingInput!) { updateMeeting(id: $id, input: $input) { meeting { slug ${DATE_FIELDS} dateClaims { date { label } citations { source { slug } } } } } }`;
const DELETE_MEETING = 'mutation DeleteMeeting($id: ID!) { deleteMeeting(id: $id) { deletedId } }';
const CREATE_SOURCE = 'mutation CreateSource($input: CreateSourceInput!) { createSource(input: $input) { source { slug } } }';
const READ_DATE = `query ReadDate($slug: String!) { meeting(slug: $slug) { date { label earliest latest precision } } }`;

const ARTICLE = 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation';
const C5 = 'c5-plus-1-ministerial-astana-2023';
const BLINKEN_VISIT = 'antony-blinken-visit-to-kazakhstan-2023';
const UMAROV_VISIT = 'kairat-umarov-visit-to-the-united-states-2023';
const LATE_FEBRUARY = { label: 'late February 2023', earliest: '2023-02-21', latest: '2023-02-28', precision: 'PART_OF_MONTH' };
const FEBRUARY_28 = { label: 'Tuesday 28 February 2023', earliest: '2023-02-28', latest: '2023-02-28', precision: 'DAY' };
const MARCH_1 = { label: 'Wednesday 1 March 2023', earliest: '2023-03-01', latest: '2023-03-01', precision: 'DAY' };
const SEED_CLAIM = { date: LATE_FEBRUARY, citations: [{ sourceId: ARTICLE_ID, quote: 'In late February, Blinken attended the C5+1 ministerial meeting in Astana' }] };

async function createReport(): Promise<string> {
  const { createSource } = await written(CREATE_SOURCE, { input: { title: 'Blinken meets Central Asian ministers', kind: 'NEWS_ARTICLE', publishedOn: '2023-02-28', text: REPORT_TEXT } });
  return createSource.source.slug;
}

async function dateOf(slug: string): Promise<unknown> {
  return (await api.data(READ_DATE, { slug })).meeting.date;
}

describe('claims from several sources', () => {
  test('a report on the day narrows "late February" to 28 February; each bound names its source, and the whole visit stays as it was', async () => {
    // Within 28 February, among Kazakhstan's and Uzbekistan's meetings (a filter of posting lists with a date window, read on the postings on PostgreSQL).
    const onTheDay = async () =>
      (await api.data(`{ meetings(filter: { countries: ["kazakhstan", "uzbekistan"], from: "2023-02-28", to: "2023-02-28", dateMatch: WITHIN }) { nodes { slug } } }`)).meetings.nodes.map(
        ({ slug }: { slug: string }) => slug,
      );
    expect(await onTheDay()).not.toContain(C5);
    const report = await createReport();
    const claim = { date: FEBRUARY_28, citations: [{ sourceId: report, quote: 'in Astana on Tuesday 28 February' }] };
    const { updateMeeting } = await written(UPDATE_MEETING, { id: gid('Meeting', C5), input: { dateClaims: [SEED_CLAIM, claim] } });
    expect(await onTheDay()).toContain(C5);
    expect(updateMeeting.meeting).toEqual({
      slug: C5,
      date: {
        ...FEBRUARY_28,
        boundedBy: {
          earliest: [{ kind: 'CLAIM', day: '2023-02-28', citations: [{ source: { slug: report } }], meeting: null }],
          latest: [
            { kind: 'CLAIM', day: '2023-02-28', citations: [{ source: { slug: ARTICLE } }], meeting: null },
            { kind: 'CLAIM', day: '2023-02-28', citations: [{ source: { slug: report } }], meeting: null },
            { kind: 'PART_OF', day: '2023-02-28', citations: [], meeting: { slug: BLINKEN_VISIT } },
          ],
        },
      },
      dateClaims: [
        { date: { label: 'late February 2023' }, citations: [{ source: { slug: ARTICLE } }] },
        { date: { label: 'Tuesday 28 February 2023' }, citations: [{ source: { slug: report } }] },
      ],
    });
    // The whole is not narrowed by a part: a visit may last longer than its meetings.
    expect(await dateOf(BLINKEN_VISIT)).toEqual(LATE_FEBRUARY);
  });

  test('claims that share no day are both kept; the date is the preferred one (more sources), and nothing is overwritten', async () => {
    const report = await createReport();
    const day = { date: FEBRUARY_28, citations: [{ sourceId: report, quote: 'in Astana on Tuesday 28 February' }, { sourceId: ARTICLE_ID, quote: 'In late February, Blinken attended' }] };
    const wire = { date: MARCH_1, citations: [{ sourceId: report, quote: 'dated the ministerial to Wednesday 1 March' }] };
    const { updateMeeting } = await written(UPDATE_MEETING, { id: gid('Meeting', C5), input: { dateClaims: [wire, day] } });
    expect(updateMeeting.meeting.date).toMatchObject(FEBRUARY_28);
    expect(updateMeeting.meeting.dateClaims.map((claim: { date: { label: string } }) => claim.date.label)).toEqual(['Wednesday 1 March 2023', 'Tuesday 28 February 2023']);
  });

  test("a report's citations added to a meeting do not state its date: the claim keeps the quotes that did", async () => {
    const report = await createReport();
    const seedCitation = { sourceId: ARTICLE_ID, quote: 'In late February, Blinken attended the C5+1 ministerial meeting in Astana along with foreign ministers of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, and Uzbekistan' };
    const reportCitation = { sourceId: report, quote: 'met the foreign ministers of Central Asia in Astana' };
    const { updateMeeting } = await written(UPDATE_MEETING, { id: gid('Meeting', C5), input: { citations: [seedCitation, reportCitation] } });
    expect(updateMeeting.meeting.date).toMatchObject(LATE_FEBRUARY);
    expect(updateMeeting.meeting.dateClaims).toEqual([{ date: { label: 'late February 2023' }, citations: [{ source: { slug: ARTICLE } }] }]);
    expect(updateMeeting.meeting.date.boundedBy.earliest[0]).toEqual({ kind: 'CLAIM', day: '2023-02-21', citations: [{ source: { slug: ARTICLE } }], meeting: null });
  });

  test('a date written over several claims is refused: the claims say the date', async () => {
    const report = await createReport();
    const claim = { date: FEBRUARY_28, citations: [{ sourceId: report, quote: 'in Astana on Tuesday 28 February' }] };
    await written(UPDATE_MEETING, { id: gid('Meeting', C5), input: { dateClaims: [SEED_CLAIM, claim] } });
    const body = await write(UPDATE_MEETING, { id: gid('Meeting', C5), input: { date: MARCH_1 } });
    expect(body.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.date', message: expect.stringContaining("is derived from the meeting's 2 date claims") }] }),
      }),
    ]);
    expect(await dateOf(C5)).toEqual(FEBRUARY_28);
  });
});

describe('relations and wholes', () => {
  test('a new meeting after a visit is bounded by it, and re-dated in the same write when the visit narrows; so are the visit\'s parts', async () => {
    const relation = { relation: 'AFTER', meetingId: BLINKEN_VISIT, citations: [{ sourceId: ARTICLE_ID, quote: 'the outcomes of the recent visit of US Secretary of State Antony Blinken to Astana' }] };
    const onOrBefore = { label: 'on or before 30 April 2023', earliest: null, latest: '2023-04-30', precision: 'ON_OR_BEFORE' };
    const { createMeeting } = await written(CREATE_MEETING, { input: meetingInput('Umarov and Blinken once more', { date: onOrBefore, relations: [relation] }) });
    expect(createMeeting.meeting.date).toMatchObject({ label: 'between 21 February and 30 April 2023', earliest: '2023-02-21', latest: '2023-04-30', precision: 'DAY_RANGE' });
    expect(createMeeting.meeting.date.boundedBy.earliest).toEqual([{ kind: 'RELATION', day: '2023-02-21', citations: [{ source: { slug: ARTICLE } }], meeting: { slug: BLINKEN_VISIT } }]);

    // The visit's own claim narrows to its last week's second half: parts and the related meeting follow.
    const narrower = { label: '24-28 February 2023', earliest: '2023-02-24', latest: '2023-02-28', precision: 'DAY_RANGE' };
    await written(UPDATE_MEETING, { id: gid('Meeting', BLINKEN_VISIT), input: { date: narrower } });
    expect(await dateOf(BLINKEN_VISIT)).toEqual(narrower);
    // The part's own claim ("late February") narrowed by its whole: a range in Entente's words.
    expect(await dateOf(C5)).toEqual({ ...narrower, label: 'between 24 and 28 February 2023' });
    expect(await dateOf(createMeeting.meeting.slug)).toEqual({ label: 'between 24 February and 30 April 2023', earliest: '2023-02-24', latest: '2023-04-30', precision: 'DAY_RANGE' });
    // Umarov's visit, after Blinken's, moves too, and its parts with it.
    expect(await dateOf(UMAROV_VISIT)).toEqual({ label: 'between 24 February and 30 April 2023', earliest: '2023-02-24', latest: '2023-04-30', precision: 'DAY_RANGE' });
    expect(await dateOf('kairat-umarov-richard-verma-meeting-2023')).toEqual({ label: 'between 24 February and 30 April 2023', earliest: '2023-02-24', latest: '2023-04-30', precision: 'DAY_RANGE' });
    // The feed records the update and each meeting it re-dated, as updates of the same write.
    const changes = await api.data('query Changes { changes(first: 50) { nodes { seq operation entitySlug } } }');
    const [created, ...updates] = changes.changes.nodes as { seq: number; operation: string; entitySlug: string }[];
    expect(created).toEqual({ seq: 1, operation: 'CREATE', entitySlug: createMeeting.meeting.slug });
    expect(updates[0]).toEqual({ seq: 2, operation: 'UPDATE', entitySlug: BLINKEN_VISIT });
    expect(updates.every((change) => change.operation === 'UPDATE')).toBe(true);
    expect(updates.map((change) => change.entitySlug).sort()).toEqual(
      [
        BLINKEN_VISIT,
        C5,
        'antony-blinken-kassym-jomart-tokayev-meeting-2023',
        createMeeting.meeting.slug,
        UMAROV_VISIT,
        'kairat-umarov-richard-verma-meeting-2023',
        'kairat-umarov-victoria-nuland-meeting-2023',
        'kairat-umarov-mallory-stewart-meeting-2023',
        'kairat-umarov-talks-with-us-leadership-2023',
      ].sort(),
    );

    // Widened again, every bound meeting widens back: their own claims were kept.
    await written(UPDATE_MEETING, { id: gid('Meeting', BLINKEN_VISIT), input: { date: LATE_FEBRUARY } });
    expect(await dateOf(C5)).toEqual(LATE_FEBRUARY);
    expect(await dateOf('kairat-umarov-richard-verma-meeting-2023')).toEqual({ label: 'between 21 February and 30 April 2023', earliest: '2023-02-21', latest: '2023-04-30', precision: 'DAY_RANGE' });
  });

  test('a relation to the meeting itself, or one closing a circle, is refused', async () => {
    const citations = [{ sourceId: ARTICLE_ID, quote: 'the outcomes of the recent visit of US Secretary of State Antony Blinken to Astana' }];
    const self = await write(UPDATE_MEETING, { id: gid('Meeting', UMAROV_VISIT), input: { relations: [{ relation: 'AFTER', meetingId: UMAROV_VISIT, citations }] } });
    expect(self.errors![0]!.extensions).toEqual(
      expect.objectContaining({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.relations.0.meetingId', message: 'a meeting cannot relate to itself' }] }),
    );
    // Umarov's visit is after Blinken's: Blinken's cannot be after Umarov's.
    const circle = await write(UPDATE_MEETING, { id: gid('Meeting', BLINKEN_VISIT), input: { relations: [{ relation: 'AFTER', meetingId: UMAROV_VISIT, citations }] } });
    expect(circle.errors![0]!.extensions).toEqual(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'input.relations', message: `the meetings' dates would bound each other in a circle: "${BLINKEN_VISIT}" → "${UMAROV_VISIT}" → "${BLINKEN_VISIT}"` }],
      }),
    );
    // A part cannot be before or after its own whole's part either way round into a loop.
    const viaPart = await write(UPDATE_MEETING, { id: gid('Meeting', BLINKEN_VISIT), input: { relations: [{ relation: 'BEFORE', meetingId: C5, citations }] } });
    expect(viaPart.errors![0]!.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(await dateOf(BLINKEN_VISIT)).toEqual(LATE_FEBRUARY);
  });

  test('a relation to no meeting, or with a quote not in its source, is refused at its path', async () => {
    const citations = [{ sourceId: ARTICLE_ID, quote: 'the outcomes of the recent visit of US Secretary of State Antony Blinken to Astana' }];
    const body = await write(UPDATE_MEETING, { id: gid('Meeting', UMAROV_VISIT), input: { relations: [{ relation: 'AFTER', meetingId: 'no-such-meeting', citations }] } });
    expect(body.errors![0]!.extensions).toEqual(
      expect.objectContaining({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.relations.0.meetingId', message: 'unknown Meeting "no-such-meeting": no Meeting has this slug' }] }),
    );
    // Its quotes are checked as every citation's.
    const misquoted = await write(UPDATE_MEETING, {
      id: gid('Meeting', UMAROV_VISIT),
      input: { relations: [{ relation: 'AFTER', meetingId: BLINKEN_VISIT, citations: [{ sourceId: ARTICLE_ID, quote: 'after the Astana visit of Blinken' }] }] },
    });
    expect(misquoted.errors![0]!.extensions).toEqual(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'input.relations.0.citations.0.quote', message: `quote not found verbatim in Source "${ARTICLE}": "after the Astana visit of Blinken"` }],
      }),
    );
  });

  test('a meeting another relates to is not deleted, and the relation is named', async () => {
    // Blinken's visit is what Umarov's visit is after (and the whole of two meetings).
    const body = await write(DELETE_MEETING, { id: gid('Meeting', BLINKEN_VISIT) });
    expect(body.errors![0]!.extensions!.fields).toEqual([{ path: 'id', message: expect.stringContaining(`Meeting "${UMAROV_VISIT}" (relations.0.meeting)`) }]);
  });
});
