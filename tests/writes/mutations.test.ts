/**
 * Creating, changing and deleting every entity type over HTTP: what a write returns is
 * what a read then finds, updates change only what they name, and deletes keep the data
 * whole (a record others refer to stays). Each test runs on a fresh copy of the data.
 */
import { toGlobalId } from '../../src/schema/relay/global-id';
import { postGraphQL } from '../helpers/server-process';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { writerTo } from '../helpers/writer';

const TOKEN = 'mutations-writer-token';
const ARTICLE_ID = toGlobalId('Source', 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation');
const gid = toGlobalId;

/** The text of a source the tests create: every quote below occurs in it verbatim. */
const WIRE_TEXT =
  'TBILISI, 12 May 2023. Georgian Foreign Minister Ilia Darchiashvili received US Under Secretary of State for Political Affairs ' +
  'Victoria Nuland in Tbilisi. The two discussed energy and regional security and agreed to continue consultations.';

let api: TestServer;
beforeEach(async () => {
  api = await startTestServer({ env: { API_TOKENS: TOKEN } });
});
afterEach(() => api.stop());

const { write, written } = writerTo(() => api, TOKEN);

const CREATE_TOPIC = `mutation CreateTopic($input: CreateTopicInput!) {
  createTopic(input: $input) { topic { id slug name aliases parent { slug } } }
}`;
const UPDATE_TOPIC = `mutation UpdateTopic($id: ID!, $input: UpdateTopicInput!) {
  updateTopic(id: $id, input: $input) { topic { id slug name aliases parent { slug } } }
}`;
const DELETE_TOPIC = `mutation DeleteTopic($id: ID!) {
  deleteTopic(id: $id) { deletedId }
}`;
const READ_TOPIC = `query ReadTopic($slug: String!) {
  topic(slug: $slug) { id slug name aliases parent { slug } }
}`;

const COUNTRY_FIELDS = 'id slug name aliases isoCode capital { slug name }';
const PLACE_FIELDS = 'id slug name aliases kind country { slug }';
const ORGANIZATION_FIELDS = 'id slug name aliases kind country { slug } parent { slug } memberCountries { slug } citations { source { slug } quote }';
const PERSON_FIELDS = 'id slug name aliases country { slug } citations { source { slug } quote }';
const OFFICE_FIELDS = 'id slug title organization { slug } country { slug } citations { quote }';
const TENURE_FIELDS = 'id slug person { slug } office { slug } start { label earliest latest precision } end { label } citations { quote }';
const SOURCE_FIELDS = 'id slug title kind publishedOn url publisher { slug } dateline { slug } cites { slug }';
const MEETING_FIELDS = `id slug title kind summary
  date { label earliest latest precision }
  location { slug } countries { slug } format { slug } partOf { slug }
  coding { cameoCode ploverCategory ploverMode }
  participants { person { slug } office { slug } organization { slug } country { slug } role label citations { quote } }
  topicMentions { topic { slug } citations { quote } }
  outcomes { description cameoCode citations { quote } }
  citations { source { slug } quote }`;

/** The create mutation of `type`, returning `fields`. */
const createOperation = (type: string, fields: string) => {
  const field = type.charAt(0).toLowerCase() + type.slice(1);
  return `mutation Create${type}($input: Create${type}Input!) { create${type}(input: $input) { ${field} { ${fields} } } }`;
};

/** Reads the entity of `type` with `slug` by slug, asking for `fields`. */
async function readBack(type: string, slug: string, fields: string): Promise<unknown> {
  const field = type.charAt(0).toLowerCase() + type.slice(1);
  const data = await api.data<Record<string, unknown>>(`query Read${type}($slug: String!) { ${field}(slug: $slug) { ${fields} } }`, { slug });
  return data[field];
}

/** Reads any entity by global id, asking for `fields` of `type`. */
async function readNode(type: string, id: string, fields: string): Promise<unknown> {
  const data = await api.data<{ node: unknown }>(`query ReadNode($id: ID!) { node(id: $id) { __typename ... on ${type} { ${fields} } } }`, { id });
  return data.node;
}

/** Types a root field finds by slug (a tenure is found by id only). */
const BY_SLUG = new Set(['Country', 'Place', 'Organization', 'Person', 'Office', 'Topic', 'Source', 'Meeting']);

/**
 * Creates an entity of `type` from `input`, checks that reads by global id (and by slug,
 * where the type has a root field for it) find exactly the payload, and returns the payload.
 */
async function createAndReadBack(type: string, fields: string, input: Record<string, unknown>): Promise<Record<string, any>> {
  const field = type.charAt(0).toLowerCase() + type.slice(1);
  const data = await written<Record<string, { [key: string]: Record<string, any> }>>(createOperation(type, fields), { input });
  const entity = data[`create${type}`]![field]!;
  expect(await readNode(type, entity.id, fields)).toEqual({ __typename: type, ...entity });
  if (BY_SLUG.has(type)) expect(await readBack(type, entity.slug, fields)).toEqual(entity);
  return entity;
}

/** Georgia and Tbilisi, its capital: what several tests build on. */
async function createGeorgia(): Promise<void> {
  await written(createOperation('Country', 'slug'), { input: { name: 'Georgia', isoCode: 'GE' } });
  await written(createOperation('Place', 'slug'), { input: { name: 'Tbilisi', kind: 'CITY', countryId: gid('Country', 'georgia') } });
  await written(`mutation SetCapital($id: ID!, $input: UpdateCountryInput!) { updateCountry(id: $id, input: $input) { country { slug } } }`, {
    id: gid('Country', 'georgia'),
    input: { capitalId: gid('Place', 'tbilisi') },
  });
}

/** A press release with its full text, so that entities can cite it. */
async function createWire(): Promise<string> {
  const data = await written<{ createSource: { source: { id: string } } }>(createOperation('Source', 'id'), {
    input: { title: 'Georgia and the US discuss energy in Tbilisi', kind: 'PRESS_RELEASE', text: WIRE_TEXT },
  });
  return data.createSource.source.id;
}

const wireCitation = (sourceId: string, quote: string) => ({ sourceId, quote });

describe('creating', () => {
  test('a topic gets a slug derived from its name, and reads back as created', async () => {
    const topic = await createAndReadBack('Topic', 'id slug name aliases parent { slug } children { slug }', {
      name: 'Nuclear non-proliferation',
      aliases: ['non-proliferation', 'NPT'],
      parentId: gid('Topic', 'security'),
    });
    expect(topic).toEqual({
      id: gid('Topic', 'nuclear-non-proliferation'),
      slug: 'nuclear-non-proliferation',
      name: 'Nuclear non-proliferation',
      aliases: ['non-proliferation', 'NPT'],
      parent: { slug: 'security' },
      children: [],
    });
    expect(await readBack('Topic', 'security', 'children { slug }')).toEqual({ children: [{ slug: 'nuclear-non-proliferation' }, { slug: 'regional-security' }] });
  });

  test.each([
    ['C5+1 summit', 'c5-plus-1-summit'],
    ['Trade & investment', 'trade-and-investment'],
    ['Sécurité énergétique', 'securite-energetique'],
  ])('the name %j derives the slug %j', async (name, slug) => {
    const body = await write(CREATE_TOPIC, { input: { name } });
    expect(body).toEqual({ data: { createTopic: { topic: { id: gid('Topic', slug), slug, name, aliases: [], parent: null } } } });
  });

  test('a given slug is used instead of one derived from the name', async () => {
    expect(await written(CREATE_TOPIC, { input: { name: 'Arms control', slug: 'arms-control-and-disarmament' } })).toEqual({
      createTopic: { topic: { id: gid('Topic', 'arms-control-and-disarmament'), slug: 'arms-control-and-disarmament', name: 'Arms control', aliases: [], parent: null } },
    });
  });

  test('a country and a place, which may then become its capital', async () => {
    const country = await createAndReadBack('Country', COUNTRY_FIELDS, { name: 'Georgia', aliases: ['Sakartvelo'], isoCode: 'GE' });
    expect(country).toEqual({ id: gid('Country', 'georgia'), slug: 'georgia', name: 'Georgia', aliases: ['Sakartvelo'], isoCode: 'GE', capital: null });
    const place = await createAndReadBack('Place', PLACE_FIELDS, { name: 'Tbilisi', kind: 'CITY', countryId: country.id });
    expect(place).toEqual({ id: gid('Place', 'tbilisi'), slug: 'tbilisi', name: 'Tbilisi', aliases: [], kind: 'CITY', country: { slug: 'georgia' } });

    const updated = await written(`mutation SetCapital($id: ID!, $input: UpdateCountryInput!) { updateCountry(id: $id, input: $input) { country { ${COUNTRY_FIELDS} } } }`, {
      id: country.id,
      input: { capitalId: place.id },
    });
    expect(updated).toEqual({ updateCountry: { country: { ...country, capital: { slug: 'tbilisi', name: 'Tbilisi' } } } });
    expect(await api.data(`query ByIso { country(isoCode: "GE") { ${COUNTRY_FIELDS} } }`)).toEqual({ country: updated.updateCountry.country });
  });

  test('an organization with its country, parent, member countries and citations', async () => {
    const organization = await createAndReadBack('Organization', ORGANIZATION_FIELDS, {
      name: 'Central Asia Energy Forum',
      aliases: ['CAEF'],
      kind: 'DIPLOMATIC_FORMAT',
      countryId: null,
      parentId: gid('Organization', 'c5-plus-1'),
      memberCountryIds: [gid('Country', 'kazakhstan'), gid('Country', 'united-states')],
      citations: [{ sourceId: ARTICLE_ID, quote: 'C5+1 ministerial meeting' }],
    });
    expect(organization).toEqual({
      id: gid('Organization', 'central-asia-energy-forum'),
      slug: 'central-asia-energy-forum',
      name: 'Central Asia Energy Forum',
      aliases: ['CAEF'],
      kind: 'DIPLOMATIC_FORMAT',
      country: null,
      parent: { slug: 'c5-plus-1' },
      memberCountries: [{ slug: 'kazakhstan' }, { slug: 'united-states' }],
      citations: [{ source: { slug: 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation' }, quote: 'C5+1 ministerial meeting' }],
    });
    expect(await readBack('Organization', 'c5-plus-1', 'children { slug }')).toEqual({ children: [{ slug: 'central-asia-energy-forum' }] });
  });

  test('a person citing the article', async () => {
    const person = await createAndReadBack('Person', PERSON_FIELDS, {
      name: 'Mukhtar Tileuberdi',
      countryId: gid('Country', 'kazakhstan'),
      citations: [{ sourceId: ARTICLE_ID, quote: 'foreign ministers of Kazakhstan' }],
    });
    expect(person).toEqual({
      id: gid('Person', 'mukhtar-tileuberdi'),
      slug: 'mukhtar-tileuberdi',
      name: 'Mukhtar Tileuberdi',
      aliases: [],
      country: { slug: 'kazakhstan' },
      citations: [{ source: { slug: 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation' }, quote: 'foreign ministers of Kazakhstan' }],
    });
    expect(await api.data('query KazakhPeople { country(isoCode: "KZ") { people(first: 10) { totalCount } } }')).toEqual({ country: { people: { totalCount: 3 } } });
  });

  test('a source with its text, which a person can then quote', async () => {
    await createGeorgia();
    const source = await createAndReadBack('Source', SOURCE_FIELDS, {
      title: 'Georgia and the US discuss energy in Tbilisi',
      kind: 'PRESS_RELEASE',
      publisherId: gid('Organization', 'state-department'),
      publishedOn: '2023-05-12',
      url: 'https://example.org/tbilisi-talks',
      datelineId: gid('Place', 'tbilisi'),
      citedSourceIds: [ARTICLE_ID],
      text: WIRE_TEXT,
    });
    expect(source).toEqual({
      id: gid('Source', 'georgia-and-the-us-discuss-energy-in-tbilisi'),
      slug: 'georgia-and-the-us-discuss-energy-in-tbilisi',
      title: 'Georgia and the US discuss energy in Tbilisi',
      kind: 'PRESS_RELEASE',
      publishedOn: '2023-05-12',
      url: 'https://example.org/tbilisi-talks',
      publisher: { slug: 'state-department' },
      dateline: { slug: 'tbilisi' },
      cites: [{ slug: 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation' }],
    });

    const person = await createAndReadBack('Person', PERSON_FIELDS, {
      name: 'Ilia Darchiashvili',
      countryId: gid('Country', 'georgia'),
      citations: [wireCitation(source.id, 'Georgian Foreign Minister Ilia Darchiashvili')],
    });
    expect(person.citations).toEqual([{ source: { slug: 'georgia-and-the-us-discuss-energy-in-tbilisi' }, quote: 'Georgian Foreign Minister Ilia Darchiashvili' }]);
  });

  test('an office, with a slug from its country and title, and a tenure of it', async () => {
    await createGeorgia();
    const wireId = await createWire();
    await written(createOperation('Person', 'slug'), {
      input: { name: 'Ilia Darchiashvili', countryId: gid('Country', 'georgia'), citations: [wireCitation(wireId, 'Foreign Minister Ilia Darchiashvili')] },
    });
    const office = await createAndReadBack('Office', OFFICE_FIELDS, {
      title: 'Foreign Minister',
      countryId: gid('Country', 'georgia'),
      citations: [wireCitation(wireId, 'Georgian Foreign Minister')],
    });
    expect(office).toEqual({
      id: gid('Office', 'georgia-foreign-minister'),
      slug: 'georgia-foreign-minister',
      title: 'Foreign Minister',
      organization: null,
      country: { slug: 'georgia' },
      citations: [{ quote: 'Georgian Foreign Minister' }],
    });

    const tenure = await createAndReadBack('Tenure', TENURE_FIELDS, {
      personId: gid('Person', 'ilia-darchiashvili'),
      officeId: office.id,
      start: { label: 'on or before 12 May 2023', earliest: null, latest: '2023-05-12', precision: 'ON_OR_BEFORE' },
      citations: [wireCitation(wireId, 'Georgian Foreign Minister Ilia Darchiashvili')],
    });
    expect(tenure).toEqual({
      id: gid('Tenure', 'ilia-darchiashvili-as-georgia-foreign-minister'),
      slug: 'ilia-darchiashvili-as-georgia-foreign-minister',
      person: { slug: 'ilia-darchiashvili' },
      office: { slug: 'georgia-foreign-minister' },
      start: { label: 'on or before 12 May 2023', earliest: null, latest: '2023-05-12', precision: 'ON_OR_BEFORE' },
      end: null,
      citations: [{ quote: 'Georgian Foreign Minister Ilia Darchiashvili' }],
    });
    // Begun on or before 12 May, cited by an undated wire: no day is attested, 12 May is possible.
    expect(
      await api.data(`query Holder {
        office(slug: "georgia-foreign-minister") {
          holder(asOf: "2023-05-12") { slug }
          holders(asOf: "2023-05-12") { person { slug } certainty tenure { attestedFrom attestedUntil status } }
        }
      }`),
    ).toEqual({
      office: {
        holder: null,
        holders: [{ person: { slug: 'ilia-darchiashvili' }, certainty: 'POSSIBLE', tenure: { attestedFrom: null, attestedUntil: null, status: 'UNKNOWN' } }],
      },
    });
  });

  test('a meeting with participants, topics, outcomes and citations', async () => {
    await createGeorgia();
    const wireId = await createWire();
    await written(createOperation('Person', 'slug'), {
      input: { name: 'Ilia Darchiashvili', countryId: gid('Country', 'georgia'), citations: [wireCitation(wireId, 'Foreign Minister Ilia Darchiashvili')] },
    });
    const received = 'Georgian Foreign Minister Ilia Darchiashvili received US Under Secretary of State for Political Affairs Victoria Nuland';
    const discussed = 'The two discussed energy and regional security';
    const meeting = await createAndReadBack('Meeting', MEETING_FIELDS, {
      title: 'Ilia Darchiashvili meets Victoria Nuland',
      kind: 'BILATERAL_MEETING',
      date: { label: '12 May 2023', earliest: '2023-05-12', latest: '2023-05-12', precision: 'DAY' },
      locationId: gid('Place', 'tbilisi'),
      countryIds: [gid('Country', 'georgia'), gid('Country', 'united-states')],
      coding: { cameoCode: '042', ploverCategory: 'CONSULT', ploverMode: 'VISIT' },
      participants: [
        { personId: gid('Person', 'ilia-darchiashvili'), officeId: null, organizationId: null, countryId: gid('Country', 'georgia'), role: 'HOST', label: null, citations: [wireCitation(wireId, received)] },
        {
          personId: gid('Person', 'victoria-nuland'),
          officeId: gid('Office', 'united-states-under-secretary-of-state-for-political-affairs'),
          organizationId: null,
          countryId: gid('Country', 'united-states'),
          role: 'VISITOR',
          label: null,
          citations: [wireCitation(wireId, received)],
        },
      ],
      topics: [
        { topicId: gid('Topic', 'energy'), citations: [wireCitation(wireId, discussed)] },
        { topicId: gid('Topic', 'regional-security'), citations: [wireCitation(wireId, discussed)] },
      ],
      outcomes: [{ description: 'The two agreed to continue consultations.', cameoCode: '030', citations: [wireCitation(wireId, 'agreed to continue consultations')] }],
      summary: 'Georgian Foreign Minister Ilia Darchiashvili received US Under Secretary of State Victoria Nuland in Tbilisi.',
      citations: [wireCitation(wireId, received)],
    });
    expect(meeting).toEqual({
      id: gid('Meeting', 'ilia-darchiashvili-meets-victoria-nuland'),
      slug: 'ilia-darchiashvili-meets-victoria-nuland',
      title: 'Ilia Darchiashvili meets Victoria Nuland',
      kind: 'BILATERAL_MEETING',
      summary: 'Georgian Foreign Minister Ilia Darchiashvili received US Under Secretary of State Victoria Nuland in Tbilisi.',
      date: { label: '12 May 2023', earliest: '2023-05-12', latest: '2023-05-12', precision: 'DAY' },
      location: { slug: 'tbilisi' },
      countries: [{ slug: 'georgia' }, { slug: 'united-states' }],
      format: null,
      partOf: null,
      coding: { cameoCode: '042', ploverCategory: 'CONSULT', ploverMode: 'VISIT' },
      participants: [
        { person: { slug: 'ilia-darchiashvili' }, office: null, organization: null, country: { slug: 'georgia' }, role: 'HOST', label: null, citations: [{ quote: received }] },
        {
          person: { slug: 'victoria-nuland' },
          office: { slug: 'united-states-under-secretary-of-state-for-political-affairs' },
          organization: null,
          country: { slug: 'united-states' },
          role: 'VISITOR',
          label: null,
          citations: [{ quote: received }],
        },
      ],
      topicMentions: [
        { topic: { slug: 'energy' }, citations: [{ quote: discussed }] },
        { topic: { slug: 'regional-security' }, citations: [{ quote: discussed }] },
      ],
      outcomes: [{ description: 'The two agreed to continue consultations.', cameoCode: '030', citations: [{ quote: 'agreed to continue consultations' }] }],
      citations: [{ source: { slug: 'georgia-and-the-us-discuss-energy-in-tbilisi' }, quote: received }],
    });
    // The new meeting is found through the relations it names.
    expect(
      await api.data(`query Related {
        person(slug: "victoria-nuland") { meetings(first: 10, filter: { countries: ["GE"] }) { nodes { slug } } }
        topic(slug: "energy") { meetings(first: 10) { totalCount } }
        place(slug: "tbilisi") { meetings(first: 10) { nodes { slug } } }
      }`),
    ).toEqual({
      person: { meetings: { nodes: [{ slug: 'ilia-darchiashvili-meets-victoria-nuland' }] } },
      topic: { meetings: { totalCount: 3 } },
      place: { meetings: { nodes: [{ slug: 'ilia-darchiashvili-meets-victoria-nuland' }] } },
    });
  });

  test('optional fields of nested inputs may be omitted', async () => {
    const body = await write(createOperation('Tenure', 'slug start { earliest latest }'), {
      input: {
        personId: gid('Person', 'kairat-umarov'),
        officeId: gid('Office', 'kazakhstan-foreign-minister'),
        start: { label: 'on or before 30 April 2023', latest: '2023-04-30', precision: 'ON_OR_BEFORE' },
        citations: [{ sourceId: ARTICLE_ID, quote: 'Minister Kairat Umarov' }],
      },
    });
    expect(body).toEqual({
      data: { createTenure: { tenure: { slug: 'kairat-umarov-as-kazakhstan-foreign-minister', start: { earliest: null, latest: '2023-04-30' } } } },
    });
  });

  test('global ids of created entities fetch them again through node and nodes', async () => {
    await createGeorgia();
    const wireId = await createWire();
    const ids = [gid('Country', 'georgia'), gid('Place', 'tbilisi'), wireId];
    const data = await api.data(
      `query Nodes($ids: [ID!]!, $first: ID!) {
        node(id: $first) { __typename id ... on Country { isoCode } }
        nodes(ids: $ids) { __typename id }
      }`,
      { ids, first: ids[0] },
    );
    expect(data).toEqual({
      node: { __typename: 'Country', id: ids[0], isoCode: 'GE' },
      nodes: [
        { __typename: 'Country', id: ids[0] },
        { __typename: 'Place', id: ids[1] },
        { __typename: 'Source', id: wireId },
      ],
    });
  });
});

describe('updating', () => {
  test('changes only the fields given, and the payload shows the entity as written', async () => {
    const id = gid('Topic', 'regional-security');
    expect(await written(UPDATE_TOPIC, { id, input: { aliases: ['regional stability', 'security of the region'] } })).toEqual({
      updateTopic: { topic: { id, slug: 'regional-security', name: 'regional security', aliases: ['regional stability', 'security of the region'], parent: { slug: 'security' } } },
    });
    expect(await api.data(READ_TOPIC, { slug: 'regional-security' })).toEqual({
      topic: { id, slug: 'regional-security', name: 'regional security', aliases: ['regional stability', 'security of the region'], parent: { slug: 'security' } },
    });
  });

  test('an explicit null clears an optional field', async () => {
    const id = gid('Topic', 'regional-security');
    expect(await written(UPDATE_TOPIC, { id, input: { parentId: null } })).toEqual({
      updateTopic: { topic: { id, slug: 'regional-security', name: 'regional security', aliases: [], parent: null } },
    });
    expect(await api.data('query Security { topic(slug: "security") { children { slug } } }')).toEqual({ topic: { children: [] } });
  });

  test("an explicit null clears a person's country", async () => {
    expect(
      await written(`mutation ClearCountry($id: ID!) { updatePerson(id: $id, input: { countryId: null }) { person { slug country { slug } } } }`, {
        id: gid('Person', 'antony-blinken'),
      }),
    ).toEqual({ updatePerson: { person: { slug: 'antony-blinken', country: null } } });
  });

  test('an explicit null clears the aliases', async () => {
    const id = gid('Country', 'united-states');
    expect(
      await write(`mutation ClearAliases($id: ID!) { updateCountry(id: $id, input: { aliases: null }) { country { slug aliases } } }`, { id }),
    ).toEqual({ data: { updateCountry: { country: { slug: 'united-states', aliases: [] } } } });
  });

  test('an empty update changes nothing and returns the entity', async () => {
    const id = gid('Topic', 'trade');
    expect(await written(UPDATE_TOPIC, { id, input: {} })).toEqual({ updateTopic: { topic: { id, slug: 'trade', name: 'trade', aliases: [], parent: null } } });
    expect(await api.data('query Feed { changes { totalCount } }')).toEqual({ changes: { totalCount: 0 } });
  });

  test('cannot change the slug: update inputs have no slug field', async () => {
    const response = await postGraphQL(
      `${api.url}/graphql`,
      'mutation RenameSlug($id: ID!) { updateTopic(id: $id, input: { slug: "commerce" }) { topic { slug } } }',
      { id: gid('Topic', 'trade') },
      { token: TOKEN },
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      errors: [{ message: 'Field "slug" is not defined by type "UpdateTopicInput".', locations: [{ line: 1, column: 63 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
    expect(await api.data(READ_TOPIC, { slug: 'trade' })).toEqual({ topic: { id: gid('Topic', 'trade'), slug: 'trade', name: 'trade', aliases: [], parent: null } });
  });

  test('a source text cannot be changed: update inputs have no text field', async () => {
    const response = await write(`mutation NewText($id: ID!) { updateSource(id: $id, input: { text: "other words" }) { source { slug } } }`, { id: ARTICLE_ID });
    expect(response.errors).toEqual([expect.objectContaining({ message: 'Field "text" is not defined by type "UpdateSourceInput".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })]);
  });

  test('of an id no topic has is NOT_FOUND', async () => {
    const id = gid('Topic', 'arms-control');
    expect(await write(UPDATE_TOPIC, { id, input: { name: 'arms control' } })).toEqual({
      errors: [{ message: `No Topic has the id or slug "${id}".`, locations: [{ line: 2, column: 3 }], path: ['updateTopic'], extensions: { code: 'NOT_FOUND', argumentName: 'id' } }],
      data: { updateTopic: null },
    });
  });

  test('with the id of another type is BAD_USER_INPUT', async () => {
    expect(await write(UPDATE_TOPIC, { id: gid('Place', 'astana'), input: { name: 'Astana' } })).toEqual({
      errors: [
        {
          message: `"id": expected a Topic id or slug; "${toGlobalId('Place', 'astana')}" is the id of a Place.`,
          locations: [{ line: 2, column: 3 }],
          path: ['updateTopic'],
          extensions: { code: 'BAD_USER_INPUT', argumentName: 'id' },
        },
      ],
      data: { updateTopic: null },
    });
  });
});

describe('deleting', () => {
  test('an unreferenced topic removes it: slug and id then find nothing', async () => {
    const { createTopic } = await written<{ createTopic: { topic: { id: string } } }>(CREATE_TOPIC, { input: { name: 'Arms control' } });
    const { id } = createTopic.topic;
    expect(await written(DELETE_TOPIC, { id })).toEqual({ deleteTopic: { deletedId: id } });
    expect(await api.data('query Gone($id: ID!) { topic(slug: "arms-control") { slug } node(id: $id) { id } topics { totalCount } }', { id })).toEqual({
      topic: null,
      node: null,
      topics: { totalCount: 10 },
    });
  });

  test('a topic that meetings discuss is refused, listing exactly those meetings, and the topic stays', async () => {
    const id = gid('Topic', 'energy');
    const body = await write(DELETE_TOPIC, { id });
    expect(body.data).toEqual({ deleteTopic: null });
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['deleteTopic'],
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', fields: [{ path: 'id', message: expect.stringContaining('Topic "energy" is still referred to by') }] }),
      }),
    ]);
    expect([...(body.errors![0]!.extensions!.referencedBy as string[])].sort()).toEqual(
      [
        gid('Meeting', 'kairat-umarov-visit-to-the-united-states-2023'),
        gid('Meeting', 'antony-blinken-kassym-jomart-tokayev-meeting-2023'),
      ].sort(),
    );
    expect(await api.data('query Energy { topic(slug: "energy") { name meetings { totalCount } } changes { totalCount } }')).toEqual({
      topic: { name: 'energy', meetings: { totalCount: 2 } },
      changes: { totalCount: 0 },
    });
  });

  test('a topic that is the parent of another is refused, naming the child', async () => {
    const body = await write(DELETE_TOPIC, { id: gid('Topic', 'reforms') });
    // reforms is also discussed at a meeting: both kinds of reference are listed.
    expect([...(body.errors![0]!.extensions!.referencedBy as string[])].sort()).toEqual(
      [gid('Topic', 'parliamentary-elections'), gid('Meeting', 'kairat-umarov-visit-to-the-united-states-2023')].sort(),
    );
  });

  test('a source a person quotes is refused until the person is gone', async () => {
    const wireId = await createWire();
    const { createPerson } = await written<{ createPerson: { person: { id: string } } }>(createOperation('Person', 'id'), {
      input: { name: 'Ilia Darchiashvili', citations: [wireCitation(wireId, 'Foreign Minister Ilia Darchiashvili')] },
    });
    const DELETE_SOURCE = 'mutation DeleteSource($id: ID!) { deleteSource(id: $id) { deletedId } }';
    const refused = await write(DELETE_SOURCE, { id: wireId });
    expect(refused.errors).toEqual([
      expect.objectContaining({
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [
            {
              path: 'id',
              message: 'Source "georgia-and-the-us-discuss-energy-in-tbilisi" is still referred to by Person "ilia-darchiashvili" (citations.0.source)',
            },
          ],
          referencedBy: [createPerson.person.id],
        },
      }),
    ]);

    expect(await written('mutation DeletePerson($id: ID!) { deletePerson(id: $id) { deletedId } }', { id: createPerson.person.id })).toEqual({
      deletePerson: { deletedId: createPerson.person.id },
    });
    expect(await written(DELETE_SOURCE, { id: wireId })).toEqual({ deleteSource: { deletedId: wireId } });
    expect(await api.data('query Sources { sources { totalCount } }')).toEqual({ sources: { totalCount: 5 } });
  });

  test('of an id no topic has is NOT_FOUND', async () => {
    const id = gid('Topic', 'arms-control');
    expect(await write(DELETE_TOPIC, { id })).toEqual({
      errors: [{ message: `No Topic has the id or slug "${id}".`, locations: [{ line: 2, column: 3 }], path: ['deleteTopic'], extensions: { code: 'NOT_FOUND', argumentName: 'id' } }],
      data: { deleteTopic: null },
    });
  });

  test('twice is NOT_FOUND the second time', async () => {
    await written(CREATE_TOPIC, { input: { name: 'Arms control' } });
    const id = gid('Topic', 'arms-control');
    expect(await written(DELETE_TOPIC, { id })).toEqual({ deleteTopic: { deletedId: id } });
    expect((await write(DELETE_TOPIC, { id })).errors![0]!.extensions).toEqual({ code: 'NOT_FOUND', argumentName: 'id' });
  });

  test('frees the slug for a new entity', async () => {
    await written(CREATE_TOPIC, { input: { name: 'Arms control' } });
    await written(DELETE_TOPIC, { id: gid('Topic', 'arms-control') });
    expect(await written(CREATE_TOPIC, { input: { name: 'Arms control', aliases: ['arms limitation'] } })).toEqual({
      createTopic: { topic: { id: gid('Topic', 'arms-control'), slug: 'arms-control', name: 'Arms control', aliases: ['arms limitation'], parent: null } },
    });
  });
});

describe('references by slug and ISO code', () => {
  test('every reference of an input takes a slug as well as a global id, and a country its ISO code', async () => {
    await createGeorgia();
    const place = await createAndReadBack('Place', PLACE_FIELDS, { name: 'Batumi', kind: 'CITY', countryId: 'GE' });
    expect(place.country).toEqual({ slug: 'georgia' });
    const bySlug = await createAndReadBack('Place', PLACE_FIELDS, { name: 'Kutaisi', kind: 'CITY', countryId: 'georgia' });
    expect(bySlug.country).toEqual({ slug: 'georgia' });
    const organization = await createAndReadBack('Organization', ORGANIZATION_FIELDS, {
      name: 'Georgian Foreign Ministry',
      kind: 'MINISTRY',
      countryId: gid('Country', 'georgia'),
      memberCountryIds: ['kz', 'united-states', gid('Country', 'georgia')],
      citations: [{ sourceId: 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation', quote: 'First Deputy Foreign Minister' }],
    });
    expect(organization.memberCountries).toEqual([{ slug: 'kazakhstan' }, { slug: 'united-states' }, { slug: 'georgia' }]);
    expect(organization.citations).toEqual([{ source: { slug: 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation' }, quote: 'First Deputy Foreign Minister' }]);
  });

  test('update and delete take the entity by slug; the payload gives its global id', async () => {
    const updated = await written(UPDATE_TOPIC, { id: 'energy', input: { aliases: ['power'] } });
    expect(updated.updateTopic.topic).toMatchObject({ id: gid('Topic', 'energy'), aliases: ['power'] });
    await written(CREATE_TOPIC, { input: { name: 'Arms control', parentId: 'security' } });
    expect(await written(DELETE_TOPIC, { id: 'arms-control' })).toEqual({ deleteTopic: { deletedId: gid('Topic', 'arms-control') } });
  });

  test('a slug that names nothing is refused like an unknown id, at its input path', async () => {
    const body = await write(createOperation('Place', 'slug'), { input: { name: 'Atlantis City', kind: 'CITY', countryId: 'atlantis' } });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'input.countryId: unknown Country "atlantis": no Country has this slug',
        extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'input.countryId', message: 'unknown Country "atlantis": no Country has this slug' }] },
      }),
    ]);
  });

  test('an ISO code no country has is refused at its input path', async () => {
    const body = await write(createOperation('Organization', 'slug'), { input: { name: 'Nowhere Council', kind: 'MINISTRY', memberCountryIds: ['KZ', 'ZZ'] } });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'input.memberCountryIds.1: no Country has the ISO code "ZZ"',
        extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'input.memberCountryIds.1', message: 'no Country has the ISO code "ZZ"' }] },
      }),
    ]);
  });

  test('a value that is neither id nor slug is refused, saying what the field takes', async () => {
    const body = await write(createOperation('Tenure', 'slug'), {
      input: { personId: 'Kairat Umarov', officeId: 'kazakhstan-foreign-minister', citations: [{ sourceId: ARTICLE_ID, quote: 'Minister Kairat Umarov' }] },
    });
    expect(body.errors).toEqual([
      expect.objectContaining({
        extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'input.personId', message: 'expected a Person id or slug; got "Kairat Umarov"' }] },
      }),
    ]);
  });
});

describe('several mutations in one request', () => {
  test('run in order, each seeing the ones before', async () => {
    const data = await written(`mutation CreateParentAndChild {
      parent: createTopic(input: { name: "Arms control" }) { topic { slug } }
      child: createTopic(input: { name: "Nuclear arms control", parentId: "${gid('Topic', 'arms-control')}" }) { topic { slug parent { slug } } }
    }`);
    expect(data).toEqual({ parent: { topic: { slug: 'arms-control' } }, child: { topic: { slug: 'nuclear-arms-control', parent: { slug: 'arms-control' } } } });
  });
});
