/**
 * Every rule a write must keep, over HTTP: a broken rule is BAD_USER_INPUT naming each
 * invalid field by its input path, the data stay exactly as they were, and the server
 * keeps serving. The rules are those of `records.ts` and `validate.ts`, the same as at load.
 */
import { toGlobalId } from '../../src/schema/relay/global-id';
import { postGraphQL, type HttpResult } from '../helpers/server-process';
import { startTestServer, type TestServer } from '../helpers/test-server';

const TOKEN = 'validation-writer-token';
const ARTICLE = 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation';
const ARTICLE_ID = toGlobalId('Source', ARTICLE);
/** A source the data hold no text of: nothing can be quoted from it. */
const STATEMENT_ID = toGlobalId('Source', 'kazakh-foreign-ministry-statement-2023-04-30');

const CREATE_TOPIC = `mutation CreateTopic($input: CreateTopicInput!) {
  createTopic(input: $input) { topic { slug } }
}`;
const UPDATE_TOPIC = `mutation UpdateTopic($id: ID!, $input: UpdateTopicInput!) {
  updateTopic(id: $id, input: $input) { topic { slug } }
}`;
const CREATE_COUNTRY = `mutation CreateCountry($input: CreateCountryInput!) {
  createCountry(input: $input) { country { slug } }
}`;
const CREATE_PLACE = `mutation CreatePlace($input: CreatePlaceInput!) {
  createPlace(input: $input) { place { slug } }
}`;
const UPDATE_PLACE = `mutation UpdatePlace($id: ID!, $input: UpdatePlaceInput!) {
  updatePlace(id: $id, input: $input) { place { slug } }
}`;
const CREATE_PERSON = `mutation CreatePerson($input: CreatePersonInput!) {
  createPerson(input: $input) { person { id slug } }
}`;
const DELETE_PERSON = `mutation DeletePerson($id: ID!) {
  deletePerson(id: $id) { deletedId }
}`;
const CREATE_TENURE = `mutation CreateTenure($input: CreateTenureInput!) {
  createTenure(input: $input) { tenure { slug } }
}`;
const CREATE_MEETING = `mutation CreateMeeting($input: CreateMeetingInput!) {
  createMeeting(input: $input) { meeting { slug } }
}`;

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ env: { API_TOKENS: TOKEN } });
});
afterAll(() => api.stop());

/** The data version and the count of every type, as /health reports them. */
async function health(): Promise<unknown> {
  const response = await fetch(`${api.url}/health`);
  expect(response.status).toBe(200);
  return response.json();
}

/** Sends a write that must be refused; checks that the server is still up and nothing changed, and returns the response. */
async function refusedWrite(operation: string, variables: Record<string, unknown>): Promise<HttpResult> {
  const before = await health();
  const response = await postGraphQL(`${api.url}/graphql`, operation, variables, { token: TOKEN });
  expect(await health()).toEqual(before);
  return response;
}

/** The whole body of a write refused for `fields`, the first of which the message names. */
function invalid(mutation: string, fields: { path: string; message: string }[]) {
  const [first] = fields;
  const more = fields.length > 1 ? ` (and ${fields.length - 1} more problem${fields.length > 2 ? 's' : ''}: see extensions.fields)` : '';
  return {
    errors: [
      {
        message: `${first!.path}: ${first!.message}${more}`,
        locations: [{ line: 2, column: 3 }],
        path: [mutation],
        extensions: { code: 'BAD_USER_INPUT', fields },
      },
    ],
    data: { [mutation]: null },
  };
}

const tenureInput = (dates: Record<string, unknown>) => ({
  personId: toGlobalId('Person', 'kairat-umarov'),
  officeId: toGlobalId('Office', 'kazakhstan-foreign-minister'),
  citations: [{ sourceId: ARTICLE_ID, quote: 'Minister Kairat Umarov' }],
  ...dates,
});

// Nested inputs spell out their nulls: omitting them is refused (see mutations.test.ts).
const participant = (country: string, person: string) => ({
  personId: toGlobalId('Person', person),
  officeId: null,
  organizationId: null,
  label: null,
  countryId: toGlobalId('Country', country),
  role: 'PARTICIPANT',
  citations: [{ sourceId: ARTICLE_ID, quote: 'The Kazakh diplomat met with' }],
});

const meetingInput = (changes: Record<string, unknown>) => ({
  title: 'Kairat Umarov meets Antony Blinken',
  kind: 'BILATERAL_MEETING',
  date: { label: 'on or before 30 April 2023', earliest: null, latest: '2023-04-30', precision: 'ON_OR_BEFORE' },
  countryIds: [toGlobalId('Country', 'kazakhstan'), toGlobalId('Country', 'united-states')],
  coding: { cameoCode: '040', ploverCategory: 'CONSULT', ploverMode: null },
  participants: [participant('kazakhstan', 'kairat-umarov'), participant('united-states', 'antony-blinken')],
  summary: 'A meeting the tests make up.',
  citations: [{ sourceId: ARTICLE_ID, quote: 'The Kazakh diplomat met with' }],
  ...changes,
});

describe('names and text', () => {
  test('an empty name is refused', async () => {
    const response = await refusedWrite(CREATE_TOPIC, { input: { name: '' } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(invalid('createTopic', [{ path: 'input.name', message: 'must not be empty' }]));
  });

  test('a name of 1 MB is refused as too long, and the server keeps serving', async () => {
    const response = await refusedWrite(CREATE_TOPIC, { input: { name: 'x'.repeat(1024 * 1024) } });
    expect(response.body).toEqual(invalid('createTopic', [{ path: 'input.name', message: 'must be at most 200 characters' }]));
    expect(await api.data('query StillServing { topic(slug: "energy") { name } }')).toEqual({ topic: { name: 'energy' } });
  });

  test.each([
    ['leading', ' Arms control'],
    ['trailing', 'Arms control '],
    ['a leading tab', '\tArms control'],
    ['a trailing newline', 'Arms control\n'],
  ])('a name with %s white space is refused', async (_case, name) => {
    const response = await refusedWrite(CREATE_TOPIC, { input: { name } });
    expect(response.body).toEqual(invalid('createTopic', [{ path: 'input.name', message: 'must not start or end with white space' }]));
  });

  test('an alias with surrounding white space is refused at its index', async () => {
    const response = await refusedWrite(CREATE_TOPIC, { input: { name: 'Arms control', aliases: ['arms limitation', ' disarmament'] } });
    expect(response.body).toEqual(invalid('createTopic', [{ path: 'input.aliases.1', message: 'must not start or end with white space' }]));
  });

  test('a name without letters or digits, which no slug can be derived from, asks for a slug', async () => {
    const response = await refusedWrite(CREATE_TOPIC, { input: { name: '!?!' } });
    expect(response.body).toEqual(invalid('createTopic', [{ path: 'input.slug', message: 'cannot be derived from the name "!?!": give a slug' }]));
  });
});

describe('HTTP bodies', () => {
  test('a body over 2 MB is HTTP 413 PAYLOAD_TOO_LARGE, and nothing is written', async () => {
    const before = await health();
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ query: CREATE_TOPIC, variables: { input: { name: 'x'.repeat(2 * 1024 * 1024 + 1) } } }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ errors: [{ message: 'The request body exceeds 2097152 bytes.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    expect(await health()).toEqual(before);
  });

  test('a malformed JSON body is HTTP 400, and nothing is written', async () => {
    const before = await health();
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: `{"query": ${JSON.stringify(CREATE_TOPIC)}, "variables": {"input": {"name": "Arms control"}`,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    expect(await health()).toEqual(before);
  });
});

describe('slugs', () => {
  test.each(['Arms control', 'arms--control', '-arms-control', 'arms_control', 'armś-control'])('the slug %j is refused', async (slug) => {
    const response = await refusedWrite(CREATE_TOPIC, { input: { name: 'Arms control', slug } });
    expect(response.body).toEqual(
      invalid('createTopic', [{ path: 'input.slug', message: 'must be lower-case words of a-z and 0-9 joined by single hyphens' }]),
    );
  });

  test('a slug another topic has is a client error naming the clash', async () => {
    const response = await refusedWrite(CREATE_TOPIC, { input: { name: 'Energy policy', slug: 'energy' } });
    expect(response.body).toEqual(invalid('createTopic', [{ path: 'input.slug', message: '"energy" is taken: another Topic has this slug' }]));
  });

  test('a name whose derived slug another topic has is refused as a taken slug', async () => {
    const response = await refusedWrite(CREATE_TOPIC, { input: { name: 'Energy' } });
    expect(response.body).toEqual(invalid('createTopic', [{ path: 'input.slug', message: '"energy" is taken: another Topic has this slug' }]));
  });

  test('a slug a topic has is free for another type', async () => {
    const response = await postGraphQL(
      `${api.url}/graphql`,
      `mutation CreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { slug } } }`,
      { input: { name: 'Energy', kind: 'OTHER', slug: 'energy' } },
      { token: TOKEN },
    );
    expect(response.body).toEqual({ data: { createOrganization: { organization: { slug: 'energy' } } } });
  });
});

describe('countries', () => {
  test.each(['kz', 'KAZ', 'K', 'K1'])('the ISO code %j is refused', async (isoCode) => {
    const response = await refusedWrite(CREATE_COUNTRY, { input: { name: 'Atlantis', isoCode } });
    expect(response.body).toEqual(invalid('createCountry', [{ path: 'input.isoCode', message: 'must be an ISO 3166-1 alpha-2 code: two capital letters' }]));
  });

  test('an ISO code another country has is refused', async () => {
    const response = await refusedWrite(CREATE_COUNTRY, { input: { name: 'Atlantis', isoCode: 'KZ' } });
    expect(response.body).toEqual(invalid('createCountry', [{ path: 'input.isoCode', message: 'duplicate ISO code KZ: Country "kazakhstan" has it too' }]));
  });

  test('a capital in another country is refused', async () => {
    const response = await refusedWrite(CREATE_COUNTRY, { input: { name: 'Atlantis', isoCode: 'AQ', capitalId: toGlobalId('Place', 'astana') } });
    expect(response.body).toEqual(invalid('createCountry', [{ path: 'input.capitalId', message: 'Place "astana" lies in "kazakhstan", not in this country' }]));
  });

  test('a place that is a capital cannot move to another country', async () => {
    const response = await refusedWrite(UPDATE_PLACE, { id: toGlobalId('Place', 'astana'), input: { countryId: toGlobalId('Country', 'united-states') } });
    expect(response.body).toEqual(
      invalid('updatePlace', [{ path: 'input.countryId', message: 'this place is the capital of Country "kazakhstan", so it must lie there' }]),
    );
    expect(await api.data('query Astana { place(slug: "astana") { country { slug } } }')).toEqual({ place: { country: { slug: 'kazakhstan' } } });
  });
});

describe('dates', () => {
  test('a date range whose earliest day is after its latest is refused', async () => {
    const start = { label: 'early March 2023', earliest: '2023-03-10', latest: '2023-03-01', precision: 'DAY_RANGE' };
    const response = await refusedWrite(CREATE_TENURE, { input: tenureInput({ start }) });
    expect(response.body).toEqual(invalid('createTenure', [{ path: 'input.start.earliest', message: '2023-03-10 is after latest 2023-03-01' }]));
  });

  test.each([
    ['ON_OR_BEFORE with an earliest day', { label: 'by May 2023', earliest: '2023-04-01', latest: '2023-05-31', precision: 'ON_OR_BEFORE' }, 'input.end.earliest', 'must be null for precision ON_OR_BEFORE'],
    ['ON_OR_AFTER with a latest day', { label: 'since May 2023', earliest: '2023-05-01', latest: '2023-05-31', precision: 'ON_OR_AFTER' }, 'input.end.latest', 'must be null for precision ON_OR_AFTER'],
    ['MONTH without a latest day', { label: 'May 2023', earliest: '2023-05-01', latest: null, precision: 'MONTH' }, 'input.end.latest', 'must be set for precision MONTH'],
    ['DAY with two different days', { label: '1 May 2023', earliest: '2023-05-01', latest: '2023-05-02', precision: 'DAY' }, 'input.end.latest', 'must equal earliest for precision DAY'],
  ])('a date whose bounds disagree with its precision (%s) is refused', async (_case, end, path, message) => {
    const response = await refusedWrite(CREATE_TENURE, { input: tenureInput({ end }) });
    expect(response.body).toEqual(invalid('createTenure', [{ path, message }]));
  });

  test('an impossible day in a variable is a BAD_USER_INPUT (HTTP 200 to an application/json client)', async () => {
    const start = { label: 'late February 2023', earliest: '2023-02-21', latest: '2023-02-30', precision: 'PART_OF_MONTH' };
    const response = await refusedWrite(CREATE_TENURE, { input: tenureInput({ start }) });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      errors: [
        {
          message: 'Variable "$input" got invalid value "2023-02-30" at "input.start.latest"; Date must be a real calendar day as YYYY-MM-DD, e.g. "2023-04-30"; got "2023-02-30".',
          locations: [{ line: 1, column: 23 }],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });

  test('an impossible day written in the operation fails validation (HTTP 200 to an application/json client)', async () => {
    const operation = `mutation CreateTenure {
  createTenure(input: {
    personId: "${toGlobalId('Person', 'kairat-umarov')}", officeId: "${toGlobalId('Office', 'kazakhstan-foreign-minister')}"
    start: { label: "30 February 2023", earliest: "2023-02-30", latest: "2023-02-30", precision: DAY }
    citations: [{ sourceId: "${ARTICLE_ID}", quote: "Minister Kairat Umarov" }]
  }) { tenure { slug } }
}`;
    const response = await refusedWrite(operation, {});
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      errors: [
        { message: 'Date must be a real calendar day as YYYY-MM-DD, e.g. "2023-04-30"; got "2023-02-30".', locations: [{ line: 4, column: 51 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
        { message: 'Date must be a real calendar day as YYYY-MM-DD, e.g. "2023-04-30"; got "2023-02-30".', locations: [{ line: 4, column: 73 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      ],
    });
  });
});

describe('references', () => {
  test('the id of another type is refused at its input path', async () => {
    const response = await refusedWrite(CREATE_PLACE, {
      input: { name: 'Almaty', kind: 'CITY', countryId: toGlobalId('Meeting', 'c5-plus-1-ministerial-astana-2023') },
    });
    expect(response.body).toEqual(invalid('createPlace', [{ path: 'input.countryId', message: `expected a Country id, slug or ISO 3166-1 alpha-2 code (e.g. "KZ"); "${toGlobalId('Meeting', 'c5-plus-1-ministerial-astana-2023')}" is the id of a Meeting` }]));
  });

  test('the id of another type is refused as BAD_USER_INPUT with the message naming both types', async () => {
    const response = await refusedWrite(CREATE_PLACE, {
      input: { name: 'Almaty', kind: 'CITY', countryId: toGlobalId('Meeting', 'c5-plus-1-ministerial-astana-2023') },
    });
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        path: ['createPlace'],
        extensions: { code: 'BAD_USER_INPUT', fields: [{ path: expect.stringMatching(/countryId$/), message: `expected a Country id, slug or ISO 3166-1 alpha-2 code (e.g. "KZ"); "${toGlobalId('Meeting', 'c5-plus-1-ministerial-astana-2023')}" is the id of a Meeting` }] },
      }),
    ]);
  });

  test('a malformed id is refused at its input path', async () => {
    const response = await refusedWrite(CREATE_PLACE, { input: { name: 'Almaty', kind: 'CITY', countryId: 'not an id!' } });
    expect(response.body).toEqual(invalid('createPlace', [{ path: 'input.countryId', message: 'expected a Country id, slug or ISO 3166-1 alpha-2 code (e.g. "KZ"); got "not an id!"' }]));
  });

  test('a malformed id is refused as BAD_USER_INPUT', async () => {
    const response = await refusedWrite(CREATE_PLACE, { input: { name: 'Almaty', kind: 'CITY', countryId: 'not an id!' } });
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        extensions: { code: 'BAD_USER_INPUT', fields: [{ path: expect.stringMatching(/countryId$/), message: 'expected a Country id, slug or ISO 3166-1 alpha-2 code (e.g. "KZ"); got "not an id!"' }] },
      }),
    ]);
  });

  test('a well-formed id of a person that never existed is an unknown Person', async () => {
    const response = await refusedWrite(CREATE_TENURE, { input: tenureInput({ personId: toGlobalId('Person', 'john-doe') }) });
    expect(response.body).toEqual(
      invalid('createTenure', [{ path: 'input.personId', message: 'unknown Person "john-doe": no Person has this slug' }]),
    );
  });

  test('the id of a deleted person is an unknown Person', async () => {
    const created = await postGraphQL<{ createPerson: { person: { id: string; slug: string } } }>(
      `${api.url}/graphql`,
      CREATE_PERSON,
      { input: { name: 'Mukhtar Tileuberdi', citations: [{ sourceId: ARTICLE_ID, quote: 'foreign ministers of Kazakhstan' }] } },
      { token: TOKEN },
    );
    const { id } = created.body.data!.createPerson.person;
    expect((await postGraphQL(`${api.url}/graphql`, DELETE_PERSON, { id }, { token: TOKEN })).body).toEqual({ data: { deletePerson: { deletedId: id } } });

    const response = await refusedWrite(CREATE_TENURE, { input: tenureInput({ personId: id }) });
    expect(response.body).toEqual(
      invalid('createTenure', [{ path: 'input.personId', message: 'unknown Person "mukhtar-tileuberdi": no Person has this slug' }]),
    );
  });

  test('a parent chain that would loop back is refused', async () => {
    const response = await refusedWrite(UPDATE_TOPIC, { id: toGlobalId('Topic', 'security'), input: { parentId: toGlobalId('Topic', 'regional-security') } });
    expect(response.body).toEqual(invalid('updateTopic', [{ path: 'input.parentId', message: 'parent chain loops back to this Topic' }]));
    expect(await api.data('query Security { topic(slug: "security") { parent { slug } children { slug } } }')).toEqual({
      topic: { parent: null, children: [{ slug: 'regional-security' }] },
    });
  });

  test('a topic cannot be its own parent', async () => {
    const response = await refusedWrite(UPDATE_TOPIC, { id: toGlobalId('Topic', 'trade'), input: { parentId: toGlobalId('Topic', 'trade') } });
    expect(response.body).toEqual(invalid('updateTopic', [{ path: 'input.parentId', message: 'parent chain loops back to this Topic' }]));
  });
});

describe('citations', () => {
  test('a quote not found verbatim in its source is refused at its index', async () => {
    const response = await refusedWrite(CREATE_PERSON, {
      input: { name: 'Jane Roe', citations: [{ sourceId: ARTICLE_ID, quote: 'Jane Roe, the Kazakh diplomat' }] },
    });
    expect(response.body).toEqual(
      invalid('createPerson', [{ path: 'input.citations.0.quote', message: `quote not found verbatim in Source "${ARTICLE}": "Jane Roe, the Kazakh diplomat"` }]),
    );
  });

  test.each([
    ['one character', 'a', 1],
    ['two words', 'Kairat Umarov', 2],
    ['punctuation only', '...', 0],
    ['two words joined by a hyphen and a dot', 'U.S.', 2],
  ])('a quote of %s is refused: it cannot identify a statement', async (_case, quote, words) => {
    const response = await refusedWrite(CREATE_PERSON, { input: { name: 'Jane Roe', citations: [{ sourceId: ARTICLE_ID, quote }] } });
    expect(response.body).toEqual(
      invalid('createPerson', [{ path: 'input.citations.0.quote', message: `must be at least 3 words, enough to identify a statement; got ${words} (${JSON.stringify(quote)})` }]),
    );
  });

  test('a short quote in a nested citation is refused at its path', async () => {
    const short = { ...participant('kazakhstan', 'kairat-umarov'), citations: [{ sourceId: ARTICLE_ID, quote: 'Umarov' }] };
    const response = await refusedWrite(CREATE_MEETING, { input: meetingInput({ participants: [short, participant('united-states', 'antony-blinken')] }) });
    expect(response.body).toEqual(
      invalid('createMeeting', [{ path: 'input.participants.0.citations.0.quote', message: 'must be at least 3 words, enough to identify a statement; got 1 ("Umarov")' }]),
    );
  });

  test('three words, counted as runs of letters or digits, are enough', async () => {
    const created = await postGraphQL(`${api.url}/graphql`, CREATE_PERSON, { input: { name: 'Jane Roe', citations: [{ sourceId: ARTICLE_ID, quote: 'senior US officials' }] } }, { token: TOKEN });
    expect(created.body).toEqual({ data: { createPerson: { person: { id: toGlobalId('Person', 'jane-roe'), slug: 'jane-roe' } } } });
    await postGraphQL(`${api.url}/graphql`, DELETE_PERSON, { id: 'jane-roe' }, { token: TOKEN });
  });

  test('a quote that differs from the source only in case is not verbatim', async () => {
    const response = await refusedWrite(CREATE_PERSON, {
      input: { name: 'Kairat Umarov Jr', citations: [{ sourceId: ARTICLE_ID, quote: 'minister kairat umarov' }] },
    });
    expect(response.body).toEqual(invalid('createPerson', [{ path: 'input.citations.0.quote', message: `quote not found verbatim in Source "${ARTICLE}": "minister kairat umarov"` }]));
  });

  test('a citation of a source whose text the data do not hold is refused', async () => {
    const response = await refusedWrite(CREATE_PERSON, {
      input: { name: 'Jane Roe', citations: [{ sourceId: ARTICLE_ID, quote: 'Minister Kairat Umarov' }, { sourceId: STATEMENT_ID, quote: 'Minister Kairat Umarov' }] },
    });
    expect(response.body).toEqual(
      invalid('createPerson', [
        {
          path: 'input.citations.1.sourceId',
          message: 'Source "kazakh-foreign-ministry-statement-2023-04-30" has no text, so the quote cannot be checked',
        },
      ]),
    );
  });

  test('a person needs at least one citation', async () => {
    const response = await refusedWrite(CREATE_PERSON, { input: { name: 'Jane Roe', citations: [] } });
    expect(response.body).toEqual(invalid('createPerson', [{ path: 'input.citations', message: 'a person must be cited by at least one source' }]));
  });
});

describe('meetings', () => {
  test("a participant on behalf of a country that is not among the meeting's countries is refused", async () => {
    const response = await refusedWrite(CREATE_MEETING, {
      input: meetingInput({ countryIds: [toGlobalId('Country', 'kazakhstan')] }),
    });
    expect(response.body).toEqual(
      invalid('createMeeting', [{ path: 'input.participants.1.countryId', message: `Country "united-states" is not among the meeting's countries` }]),
    );
  });

  test('an unknown CAMEO code is refused at the input name of the field', async () => {
    const response = await refusedWrite(CREATE_MEETING, { input: meetingInput({ coding: { cameoCode: '999', ploverCategory: 'CONSULT', ploverMode: null } }) });
    expect(response.body).toEqual(invalid('createMeeting', [{ path: 'input.coding.cameoCode', message: 'must be a known CAMEO event code such as "040"' }]));
  });

  test('a participant with neither person, office, organization nor label is refused', async () => {
    const anonymous = { personId: null, officeId: null, organizationId: null, label: null, countryId: toGlobalId('Country', 'kazakhstan'), role: 'PARTICIPANT', citations: [{ sourceId: ARTICLE_ID, quote: 'The Kazakh diplomat' }] };
    const response = await refusedWrite(CREATE_MEETING, { input: meetingInput({ participants: [anonymous] }) });
    expect(response.body).toEqual(
      invalid('createMeeting', [{ path: 'input.participants.0.personId', message: "a participant needs a person, an office, an organization or a label (the source's words for unnamed participants)" }]),
    );
  });

  test('a coding that disagrees with CAMEO2PLOVER-2021 is refused: 040 has no mode', async () => {
    const response = await refusedWrite(CREATE_MEETING, { input: meetingInput({ coding: { cameoCode: '040', ploverCategory: 'CONSULT', ploverMode: 'VISIT' } }) });
    expect(response.body).toEqual(
      invalid('createMeeting', [
        { path: 'input.coding.ploverCategory', message: 'CAMEO 040 is PLOVER CONSULT with no mode in CAMEO2PLOVER-2021 (openeventdata/PLOVER), not CONSULT with mode VISIT' },
      ]),
    );
  });

  test('a participant the source does not name is its country and label alone; an outcome without a PLOVER category reads as its code maps', async () => {
    const others = { personId: null, officeId: null, organizationId: null, label: 'other US officials', countryId: toGlobalId('Country', 'united-states'), role: 'HOST', citations: [{ sourceId: ARTICLE_ID, quote: 'among other US officials' }] };
    const citations = [{ sourceId: ARTICLE_ID, quote: 'reiterated their support for the Kazakh government' }];
    const response = await postGraphQL(
      `${api.url}/graphql`,
      `mutation CreateMeeting($input: CreateMeetingInput!) {
        createMeeting(input: $input) { meeting { participants { label person { slug } office { slug } organization { slug } country { slug } } outcomes { cameoCode ploverCategory } } }
      }`,
      { input: meetingInput({ title: 'Kairat Umarov meets other US officials', participants: [participant('kazakhstan', 'kairat-umarov'), others], outcomes: [{ description: 'Support.', cameoCode: '051', citations }] }) },
      { token: TOKEN },
    );
    expect(response.body).toEqual({
      data: {
        createMeeting: {
          meeting: {
            participants: [
              { label: null, person: { slug: 'kairat-umarov' }, office: null, organization: null, country: { slug: 'kazakhstan' } },
              { label: 'other US officials', person: null, office: null, organization: null, country: { slug: 'united-states' } },
            ],
            outcomes: [{ cameoCode: '051', ploverCategory: 'SUPPORT' }],
          },
        },
      },
    });
  });

  test("an outcome's PLOVER category must be the one its CAMEO code maps to; a code it does not map takes none", async () => {
    const citations = [{ sourceId: ARTICLE_ID, quote: 'reiterated their support for the Kazakh government' }];
    const response = await refusedWrite(CREATE_MEETING, {
      input: meetingInput({
        outcomes: [
          { description: 'Support.', cameoCode: '051', ploverCategory: 'AGREE', citations },
          { description: 'A statement.', cameoCode: '010', ploverCategory: 'AGREE', citations },
        ],
      }),
    });
    expect(response.body).toEqual(
      invalid('createMeeting', [
        { path: 'input.outcomes.0.ploverCategory', message: 'CAMEO 051 is PLOVER SUPPORT in CAMEO2PLOVER-2021 (openeventdata/PLOVER), not AGREE' },
        { path: 'input.outcomes.1.ploverCategory', message: 'CAMEO 010 has no PLOVER equivalent in CAMEO2PLOVER-2021 (openeventdata/PLOVER): use a code of the families 03-05' },
      ]),
    );
  });
});

describe('several problems', () => {
  test('of references and quotes are reported together in one error, in field order', async () => {
    const response = await refusedWrite(CREATE_PERSON, {
      input: {
        name: 'Jane Roe',
        countryId: toGlobalId('Country', 'atlantis'),
        citations: [
          { sourceId: ARTICLE_ID, quote: 'Jane Roe, diplomat' },
          { sourceId: STATEMENT_ID, quote: 'Jane Roe, diplomat' },
        ],
      },
    });
    expect(response.body).toEqual(
      invalid('createPerson', [
        { path: 'input.countryId', message: 'unknown Country "atlantis": no Country has this slug' },
        { path: 'input.citations.0.quote', message: `quote not found verbatim in Source "${ARTICLE}": "Jane Roe, diplomat"` },
        {
          path: 'input.citations.1.sourceId',
          message: 'Source "kazakh-foreign-ministry-statement-2023-04-30" has no text, so the quote cannot be checked',
        },
      ]),
    );
  });

  test('of shape are reported together in one error', async () => {
    const response = await refusedWrite(CREATE_COUNTRY, { input: { name: ' Atlantis', isoCode: 'atl', slug: 'Atlantis' } });
    expect(response.body).toEqual(
      invalid('createCountry', [
        { path: 'input.slug', message: 'must be lower-case words of a-z and 0-9 joined by single hyphens' },
        { path: 'input.name', message: 'must not start or end with white space' },
        { path: 'input.isoCode', message: 'must be an ISO 3166-1 alpha-2 code: two capital letters' },
      ]),
    );
  });
});
