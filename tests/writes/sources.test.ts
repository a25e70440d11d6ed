/**
 * Many sources and who said it (issue 14, points 4 and 7), over HTTP on the store under
 * test: a meeting's distinct sources, what a source supports (`Source.citations`, read
 * through the citedSource index, kept current by writes), a source's text and url, and
 * `Citation.attributedTo`: read from the seed, written through CitationInput, checked.
 */
import { toGlobalId } from '../../src/schema/relay/global-id';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { writerTo } from '../helpers/writer';
import { meetingInput } from '../helpers/meeting-input';

const TOKEN = 'sources-writer-token';
const ARTICLE = 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation';
const STATEMENT = 'kazakh-foreign-ministry-statement-2023-04-30';
const gid = toGlobalId;

/** The text of a source the tests create: every quote below occurs in it verbatim. */
const WIRE_TEXT =
  'TBILISI, 12 May 2023. Georgian Foreign Minister Ilia Darchiashvili received US Under Secretary of State for Political Affairs ' +
  'Victoria Nuland in Tbilisi, the ministry said. The two discussed energy and regional security and agreed to continue consultations.';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ env: { API_TOKENS: TOKEN } });
});
afterAll(() => api.stop());

const { write, written } = writerTo(() => api, TOKEN);

const CREATE_SOURCE = 'mutation CreateSource($input: CreateSourceInput!) { createSource(input: $input) { source { id slug } } }';
const CREATE_MEETING = 'mutation CreateMeeting($input: CreateMeetingInput!) { createMeeting(input: $input) { meeting { id slug citations { quote attributedTo { slug } } } } }';
const SOURCE_CITATIONS = `query SourceCitations($slug: String!, $first: Int, $after: String) {
  source(slug: $slug) { citations(first: $first, after: $after) {
    totalCount
    edges { cursor node { entity { __typename id ... on Meeting { slug } ... on Person { slug } } field quote attributedTo { slug } } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  } }
}`;

describe('reading the seed', () => {
  test('Meeting.sources lists each distinct source once, with totalCount', async () => {
    const data = await api.data(`query MeetingSources {
      meeting(slug: "c5-plus-1-ministerial-astana-2023") { sources(first: 5) { totalCount nodes { slug kind } pageInfo { hasNextPage hasPreviousPage } } }
    }`);
    expect(data.meeting.sources).toEqual({ totalCount: 1, nodes: [{ slug: ARTICLE, kind: 'NEWS_ARTICLE' }], pageInfo: { hasNextPage: false, hasPreviousPage: false } });
  });

  test('Source.text is the held text, verbatim; null for a source whose text is not held; url is readable', async () => {
    const data = await api.data(`query SourceTexts { article: source(slug: "${ARTICLE}") { text url } statement: source(slug: "${STATEMENT}") { text url } }`);
    expect(data.article.text).toContain('MOSCOW (UrduPoint News / Sputnik - 30th April, 2023)');
    expect(data.article.text.length).toBeGreaterThan(2000);
    expect(data.article.url).toBeNull();
    expect(data.statement).toEqual({ text: null, url: null });
  });

  test("a quote relaying the ministry's statement names it in attributedTo; the article's own words do not", async () => {
    const data = await api.data(`query Attribution {
      meeting(slug: "kairat-umarov-visit-to-the-united-states-2023") { citations { quote source { slug } attributedTo { slug kind publisher { name } } } }
    }`);
    const citations = data.meeting.citations as { quote: string; attributedTo: { slug: string } | null }[];
    expect(citations).toContainEqual({
      quote: expect.stringContaining('Kairat Umarov visited the United Stated'),
      source: { slug: ARTICLE },
      attributedTo: { slug: STATEMENT, kind: 'OFFICIAL_STATEMENT', publisher: { name: expect.stringContaining('Foreign') } },
    });
    expect(citations).toContainEqual({ quote: 'the Kazakh Foreign Ministry said on Sunday', source: { slug: ARTICLE }, attributedTo: null });
  });

  test('Source.citations lists what the article supports, pages by cursor, and names the entity and its part', async () => {
    const all = await api.data(SOURCE_CITATIONS, { slug: ARTICLE, first: 100 });
    const { totalCount, edges } = all.source.citations;
    expect(edges).toHaveLength(totalCount);
    expect(totalCount).toBeGreaterThan(50);
    const nodes = edges.map((edge: { node: unknown }) => edge.node);
    expect(nodes).toContainEqual({
      entity: { __typename: 'Person', id: gid('Person', 'kairat-umarov'), slug: 'kairat-umarov' },
      field: null,
      quote: "Kazakhstan's First Deputy Foreign Minister Kairat Umarov",
      attributedTo: null,
    });
    expect(nodes).toContainEqual(
      expect.objectContaining({ entity: expect.objectContaining({ __typename: 'Meeting' }), field: 'participants.0', attributedTo: { slug: STATEMENT } }),
    );
    // Meetings first, then people, offices, tenures, organizations.
    const types = nodes.map((node: { entity: { __typename: string } }) => node.entity.__typename);
    expect([...new Set(types)]).toEqual(['Meeting', 'Person', 'Office', 'Tenure', 'Organization']);

    const first = await api.data(SOURCE_CITATIONS, { slug: ARTICLE, first: 7 });
    expect(first.source.citations.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, endCursor: expect.any(String) });
    const second = await api.data(SOURCE_CITATIONS, { slug: ARTICLE, first: 7, after: first.source.citations.pageInfo.endCursor });
    expect(second.source.citations.totalCount).toBe(totalCount);
    expect(second.source.citations.pageInfo.hasPreviousPage).toBe(true);
    expect([...first.source.citations.edges, ...second.source.citations.edges].map((edge: { node: unknown }) => edge.node)).toEqual(nodes.slice(0, 14));
  });

  test('a source quoted only through another lists nothing; a forged cursor is BAD_USER_INPUT', async () => {
    const data = await api.data(SOURCE_CITATIONS, { slug: STATEMENT, first: 10 });
    expect(data.source.citations).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, endCursor: null } });
    const forged = await api.query(SOURCE_CITATIONS, { slug: ARTICLE, first: 1, after: 'not-a-cursor' });
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('writing', () => {
  test('a meeting citing a second source with attributedToId: sources counts both, citations find it, the attributed source cannot be deleted', async () => {
    const { createSource } = await written(CREATE_SOURCE, { input: { title: 'Georgia and the US discuss energy', kind: 'PRESS_RELEASE', publishedOn: '2023-05-12', text: WIRE_TEXT } });
    const wire = createSource.source as { id: string; slug: string };
    const wireCitation = { sourceId: wire.slug, quote: 'The two discussed energy and regional security', attributedToId: gid('Source', STATEMENT) };
    const input = meetingInput('Umarov and Blinken again', { citations: [...meetingInput('x').citations, wireCitation] });
    const { createMeeting } = await written(CREATE_MEETING, { input });
    expect(createMeeting.meeting.citations[1]).toEqual({ quote: wireCitation.quote, attributedTo: { slug: STATEMENT } });

    const sources = await api.data(`query S($slug: String!) { meeting(slug: $slug) { sources { totalCount nodes { slug } } } }`, { slug: createMeeting.meeting.slug });
    // Oldest publication first: the article (30 April) before the wire (12 May).
    expect(sources.meeting.sources).toEqual({ totalCount: 2, nodes: [{ slug: ARTICLE }, { slug: wire.slug }] });

    const cited = await api.data(SOURCE_CITATIONS, { slug: wire.slug, first: 10 });
    expect(cited.source.citations.totalCount).toBe(1);
    expect(cited.source.citations.edges[0].node).toEqual({
      entity: { __typename: 'Meeting', id: createMeeting.meeting.id, slug: createMeeting.meeting.slug },
      field: null,
      quote: wireCitation.quote,
      attributedTo: { slug: STATEMENT },
    });

    const refused = await write('mutation D($id: ID!) { deleteSource(id: $id) { deletedId } }', { id: gid('Source', STATEMENT) });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toContain(`Meeting "${createMeeting.meeting.slug}" (citations.1.attributedTo)`);

    await written('mutation D($id: ID!) { deleteMeeting(id: $id) { deletedId } }', { id: createMeeting.meeting.id });
    expect((await api.data(SOURCE_CITATIONS, { slug: wire.slug, first: 10 })).source.citations.totalCount).toBe(0);
  });

  test('attributedToId naming no source, or the citing source itself, is refused at its input path', async () => {
    const base = meetingInput('Refused attribution').citations[0]!;
    const unknown = await write(CREATE_MEETING, { input: meetingInput('Refused attribution', { citations: [{ ...base, attributedToId: 'no-such-statement' }] }) });
    expect(unknown.errors?.[0]?.extensions).toEqual(
      expect.objectContaining({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.citations.0.attributedToId', message: 'unknown Source "no-such-statement": no Source has this slug' }] }),
    );
    const itself = await write(CREATE_MEETING, { input: meetingInput('Refused attribution', { citations: [{ ...base, attributedToId: base.sourceId }] }) });
    expect(itself.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'input.citations.0.attributedToId', message: 'must name another source than the citing one: leave it out when the source speaks for itself' },
    ]);
    const wrongType = await write(CREATE_MEETING, { input: meetingInput('Refused attribution', { citations: [{ ...base, attributedToId: gid('Person', 'kairat-umarov') }] }) });
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
