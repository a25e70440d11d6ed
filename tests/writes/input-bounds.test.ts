/**
 * The bounds on what one write may carry: a source text of at most MAX_SOURCE_TEXT_BYTES,
 * lists of at most their maxima (refused before anything is looked up), and at most
 * MAX_MUTATION_FIELDS mutation fields in one operation (refused before any runs). Each
 * refusal is coded and changes nothing; each bound itself is accepted.
 */
import { MAX_MUTATION_FIELDS } from '../../src/limits/mutations.rule';
import { MAX_COUNTRY_LIST_ITEMS, MAX_INPUT_LIST_ITEMS, MAX_PARTICIPANTS } from '../../src/schema/mutation/input-lists';
import { toGlobalId } from '../../src/schema/relay/global-id';
import { MAX_SOURCE_TEXT_BYTES } from '../../src/store/contract/validate';
import { meetingInput } from '../helpers/meeting-input';
import { postGraphQL } from '../helpers/server-process';
import { startTestServer, type TestServer } from '../helpers/test-server';

const TOKEN = 'input-bounds-writer';

let api: TestServer;
beforeEach(async () => {
  api = await startTestServer({ env: { API_TOKENS: TOKEN } });
});
afterEach(() => api.stop());

const CHANGES = 'query Changes { changes { totalCount } }';
const changeCount = async () => (await api.data<{ changes: { totalCount: number } }>(CHANGES)).changes.totalCount;

/** Sends an operation with the writer's token. */
const write = (operation: string, variables: Record<string, unknown> = {}) => postGraphQL(`${api.url}/graphql`, operation, variables, { token: TOKEN });

/** The error of a field refused for the invalid input `fields`, at `path`. */
function refused(field: string, fields: { path: string; message: string }[]) {
  const [first] = fields;
  const more = fields.length > 1 ? ` (and ${fields.length - 1} more problem${fields.length > 2 ? 's' : ''}: see extensions.fields)` : '';
  return { data: { [field]: null }, errors: [{ message: `${first!.path}: ${first!.message}${more}`, locations: [{ line: 1, column: expect.any(Number) }], path: [field], extensions: { code: 'BAD_USER_INPUT', fields } }] };
}

describe('a source text', () => {
  const CREATE_SOURCE = 'mutation CreateSource($input: CreateSourceInput!) { createSource(input: $input) { source { slug } } }';
  /** A text of exactly `bytes` bytes of UTF-8, mostly three-byte characters: bytes are counted, not characters. */
  const textOf = (bytes: number) => `${'€'.repeat(Math.floor(bytes / 3))}${'x'.repeat(bytes % 3)}`;

  test(`over ${MAX_SOURCE_TEXT_BYTES} bytes of UTF-8 is BAD_USER_INPUT at input.text, and nothing is written`, async () => {
    const text = textOf(MAX_SOURCE_TEXT_BYTES + 1);
    expect(text.length).toBeLessThan(MAX_SOURCE_TEXT_BYTES / 2);
    const response = await write(CREATE_SOURCE, { input: { title: 'A long wire', kind: 'NEWS_ARTICLE', text } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(
      refused('createSource', [{ path: 'input.text', message: `is ${MAX_SOURCE_TEXT_BYTES + 1} bytes of UTF-8; a source text may hold at most 1048576 bytes (1 MiB)` }]),
    );
    expect(await api.data('query Gone { source(slug: "a-long-wire") { slug } }')).toEqual({ source: null });
    expect(await changeCount()).toBe(0);
  });

  test(`of exactly ${MAX_SOURCE_TEXT_BYTES} bytes is written, and a quote of it checks against it`, async () => {
    const text = `The ministers discussed regional security at length. ${textOf(MAX_SOURCE_TEXT_BYTES - 53)}`;
    expect(Buffer.byteLength(text, 'utf8')).toBe(MAX_SOURCE_TEXT_BYTES);
    expect((await write(CREATE_SOURCE, { input: { title: 'A long wire', kind: 'NEWS_ARTICLE', text } })).body).toEqual({
      data: { createSource: { source: { slug: 'a-long-wire' } } },
    });
    const cited = await write('mutation Cite($input: CreatePersonInput!) { createPerson(input: $input) { person { slug } } }', {
      input: { name: 'Ann Example', citations: [{ sourceId: 'a-long-wire', quote: 'discussed regional security at length' }] },
    });
    expect(cited.body).toEqual({ data: { createPerson: { person: { slug: 'ann-example' } } } });
  });
});

describe('lists in mutation inputs', () => {
  const CREATE_TOPIC = 'mutation CreateTopic($input: CreateTopicInput!) { createTopic(input: $input) { topic { slug aliases } } }';
  const aliases = (n: number) => Array.from({ length: n }, (_, i) => `alias ${i}`);

  test(`a list of ${MAX_INPUT_LIST_ITEMS + 1} aliases is BAD_USER_INPUT at its path; ${MAX_INPUT_LIST_ITEMS} are written`, async () => {
    expect((await write(CREATE_TOPIC, { input: { name: 'Arms control', aliases: aliases(MAX_INPUT_LIST_ITEMS + 1) } })).body).toEqual(
      refused('createTopic', [{ path: 'input.aliases', message: `must hold at most ${MAX_INPUT_LIST_ITEMS} items; got ${MAX_INPUT_LIST_ITEMS + 1}` }]),
    );
    expect(await changeCount()).toBe(0);
    const { body } = await write(CREATE_TOPIC, { input: { name: 'Arms control', aliases: aliases(MAX_INPUT_LIST_ITEMS) } });
    expect(body.errors).toBeUndefined();
    expect(body.data?.createTopic?.topic.aliases).toHaveLength(MAX_INPUT_LIST_ITEMS);
  });

  test('a nested list over its maximum is refused at its input path before any reference is looked up', async () => {
    const citation = { sourceId: 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation', quote: 'The Kazakh diplomat met with' };
    const input = meetingInput('Too many citations', {
      // An unknown location would be a problem too, were references looked up: only the list is reported.
      locationId: 'atlantis',
      participants: [
        { personId: 'kairat-umarov', officeId: null, organizationId: null, label: null, countryId: 'KZ', role: 'PARTICIPANT', citations: [citation] },
        { personId: 'antony-blinken', officeId: null, organizationId: null, label: null, countryId: 'US', role: 'PARTICIPANT', citations: Array(MAX_INPUT_LIST_ITEMS + 1).fill(citation) },
      ],
      topics: Array(MAX_INPUT_LIST_ITEMS + 2).fill({ topicId: 'energy', citations: [citation] }),
    });
    const response = await write('mutation CreateMeeting($input: CreateMeetingInput!) { createMeeting(input: $input) { meeting { slug } } }', { input });
    expect(response.body).toEqual(
      refused('createMeeting', [
        { path: 'input.participants.1.citations', message: `must hold at most ${MAX_INPUT_LIST_ITEMS} items; got ${MAX_INPUT_LIST_ITEMS + 1}` },
        { path: 'input.topics', message: `must hold at most ${MAX_INPUT_LIST_ITEMS} items; got ${MAX_INPUT_LIST_ITEMS + 2}` },
      ]),
    );
    expect(await changeCount()).toBe(0);
  });

  test.each([
    ['countryIds', MAX_COUNTRY_LIST_ITEMS],
    ['participants', MAX_PARTICIPANTS],
  ])('a meeting\'s %s are bounded by their own maximum (%d)', async (field, max) => {
    const item = field === 'countryIds' ? 'KZ' : meetingInput('x').participants[0];
    const response = await write('mutation CreateMeeting($input: CreateMeetingInput!) { createMeeting(input: $input) { meeting { slug } } }', {
      input: meetingInput('Too big', { [field]: Array(max + 1).fill(item) }),
    });
    expect(response.body).toEqual(refused('createMeeting', [{ path: `input.${field}`, message: `must hold at most ${max} items; got ${max + 1}` }]));
  });

  test('updates are bounded the same way', async () => {
    const response = await write('mutation Members($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { organization { slug } } }', {
      id: toGlobalId('Organization', 'c5-plus-1'),
      input: { memberCountryIds: Array(MAX_COUNTRY_LIST_ITEMS + 1).fill('KZ') },
    });
    expect(response.body).toEqual(
      refused('updateOrganization', [{ path: 'input.memberCountryIds', message: `must hold at most ${MAX_COUNTRY_LIST_ITEMS} items; got ${MAX_COUNTRY_LIST_ITEMS + 1}` }]),
    );
    expect(await changeCount()).toBe(0);
  });
});

describe('mutation fields in one operation', () => {
  const operation = (n: number) => `mutation Many { ${Array.from({ length: n }, (_, i) => `t${i}: createTopic(input: { name: "Topic number ${i}" }) { topic { slug } }`).join(' ')} }`;

  test(`${MAX_MUTATION_FIELDS + 1} are refused with TOO_MANY_MUTATIONS before any runs`, async () => {
    const response = await write(operation(MAX_MUTATION_FIELDS + 1));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      errors: [
        {
          message: `The mutation has too many fields, each a write of its own: the limit is ${MAX_MUTATION_FIELDS}, this query has ${MAX_MUTATION_FIELDS + 1}.`,
          locations: [{ line: 1, column: 1 }],
          extensions: { code: 'TOO_MANY_MUTATIONS', limit: MAX_MUTATION_FIELDS, actual: MAX_MUTATION_FIELDS + 1 },
        },
      ],
    });
    expect(await changeCount()).toBe(0);
  });

  test('fields spread from fragments count too; __typename does not', async () => {
    const fields = Array.from({ length: MAX_MUTATION_FIELDS }, (_, i) => `f${i}: deleteTopic(id: "no-such-topic-${i}") { deletedId }`).join(' ');
    const response = await write(`mutation Spread { __typename ...More } fragment More on Mutation { extra: deleteTopic(id: "trade") { deletedId } ${fields} }`);
    expect(response.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'TOO_MANY_MUTATIONS', limit: MAX_MUTATION_FIELDS, actual: MAX_MUTATION_FIELDS + 1 } })]);
    expect(await changeCount()).toBe(0);
  });

  test(`${MAX_MUTATION_FIELDS} are each written, in order`, async () => {
    const response = await write(operation(MAX_MUTATION_FIELDS));
    expect(response.body.errors).toBeUndefined();
    expect(Object.keys(response.body.data ?? {})).toHaveLength(MAX_MUTATION_FIELDS);
    const { changes } = await api.data<{ changes: { nodes: { entitySlug: string }[] } }>('query Feed { changes(first: 100) { nodes { entitySlug } } }');
    expect(changes.nodes.map(({ entitySlug }) => entitySlug)).toEqual(Array.from({ length: MAX_MUTATION_FIELDS }, (_, i) => `topic-number-${i}`));
  });
});
