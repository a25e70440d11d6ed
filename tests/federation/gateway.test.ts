/**
 * Entente as an Apollo Federation 2 subgraph, end to end over real processes: the built
 * server with FEDERATION=1 on a copy of the data; the profiles subgraph of fixtures/, which
 * adds `profileNote` to Person; and an @apollo/gateway over the supergraph that
 * @apollo/composition composes from both subgraphs' `_service { sdl }`, as a router's
 * tooling would. Queries to the gateway span both subgraphs, in each direction; Entente's
 * `_service` and `_entities` are also asked directly.
 */
import { composeServices } from '@apollo/composition';
import { Kind, parse, print } from 'graphql';
import { toGlobalId } from '../../src/schema/relay/global-id';
import { killServerProcesses, postGraphQL, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';
import { killFixtureProcesses, startFixture, type FixtureProcess } from './fixture-process';

const UMAROV = toGlobalId('Person', 'kairat-umarov');
const BLINKEN = toGlobalId('Person', 'antony-blinken');
/** The profiles subgraph's notes, by Entente's global person id. */
const NOTES = {
  [UMAROV]: 'Visited Washington in April 2023.',
  [BLINKEN]: 'Attended the C5+1 ministerial in Astana.',
};

let dataDir: string | undefined;
let entente: ServerProcess;
let gateway: FixtureProcess;

/** The SDL a subgraph serves as `_service { sdl }`. */
async function serviceSdl(url: string): Promise<string> {
  const { status, body } = await postGraphQL<{ _service: { sdl: string } }>(url, 'query SubgraphSdl { _service { sdl } }');
  if (status !== 200 || !body.data) throw new Error(`${url} answered _service with ${status}: ${JSON.stringify(body)}`);
  return body.data._service.sdl;
}

beforeAll(async () => {
  dataDir = await createTempDataDir();
  let profiles: FixtureProcess;
  [entente, profiles] = await Promise.all([
    startServerProcess({ dataDir, env: { FEDERATION: '1' } }),
    startFixture('profiles-subgraph.js', { env: { PROFILE_NOTES: JSON.stringify(NOTES) } }),
  ]);
  const composed = composeServices([
    { name: 'entente', url: entente.url, typeDefs: parse(await serviceSdl(entente.url)) },
    { name: 'profiles', url: profiles.url, typeDefs: parse(await serviceSdl(profiles.url)) },
  ]);
  if (composed.errors) throw new Error(`composition failed:\n${composed.errors.map((error) => error.message).join('\n')}`);
  gateway = await startFixture('gateway.js', { stdin: composed.supergraphSdl });
}, 60000);

afterAll(async () => {
  await Promise.all([killServerProcesses(), killFixtureProcesses()]);
  if (dataDir) await removeTempDataDir(dataDir);
});

describe('through the gateway', () => {
  test("Entente's people carry the profiles subgraph's notes", async () => {
    const response = await postGraphQL(
      gateway.url,
      'query PeopleWithNotes { people(first: 3, orderBy: { field: NAME, direction: ASC }) { nodes { id name profileNote } } }',
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: {
        people: {
          nodes: [
            { id: BLINKEN, name: 'Antony Blinken', profileNote: NOTES[BLINKEN] },
            { id: UMAROV, name: 'Kairat Umarov', profileNote: NOTES[UMAROV] },
            { id: toGlobalId('Person', 'kassym-jomart-tokayev'), name: 'Kassym-Jomart Tokayev', profileNote: null },
          ],
        },
      },
    });
  });

  test("the profiles subgraph's people are completed by Entente's _entities", async () => {
    const response = await postGraphQL(
      gateway.url,
      'query FeaturedPeople { featuredPeople { id profileNote name country { isoCode } offices { title } } }',
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: {
        featuredPeople: [
          { id: UMAROV, profileNote: NOTES[UMAROV], name: 'Kairat Umarov', country: { isoCode: 'KZ' }, offices: [{ title: 'First Deputy Foreign Minister' }] },
          { id: BLINKEN, profileNote: NOTES[BLINKEN], name: 'Antony Blinken', country: { isoCode: 'US' }, offices: [{ title: 'Secretary of State' }] },
        ],
      },
    });
  });

  test("a meeting's participants reach the profiles subgraph", async () => {
    const response = await postGraphQL(
      gateway.url,
      'query MeetingNotes { meeting(slug: "antony-blinken-kassym-jomart-tokayev-meeting-2023") { title participants { person { name profileNote } } } }',
    );
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const participants = (response.body.data as { meeting: { participants: { person: { name: string; profileNote: string | null } | null }[] } }).meeting.participants;
    expect(participants.map(({ person }) => person)).toEqual(
      expect.arrayContaining([
        { name: 'Antony Blinken', profileNote: NOTES[BLINKEN] },
        { name: 'Kassym-Jomart Tokayev', profileNote: null },
      ]),
    );
  });
});

describe('Entente, asked directly', () => {
  test('_service answers its SDL, with Person keyed by id', async () => {
    const sdl = parse(await serviceSdl(entente.url));
    const person = sdl.definitions.find((definition) => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Person');
    expect(person && 'directives' in person ? person.directives?.map((directive) => print(directive)) : null).toEqual(['@key(fields: "id")']);
  });

  test('_entities resolves a known id, is null for an unknown one, and answers a bad representation with a coded error, not a 5xx', async () => {
    const representations = [
      { __typename: 'Person', id: UMAROV },
      { __typename: 'Person', id: toGlobalId('Person', 'nobody-by-this-name') },
      { __typename: 'Citation', id: UMAROV },
      { __typename: 'Person', id: '%%%' },
    ];
    const response = await postGraphQL(entente.url, 'query Entities($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name } } }', { r: representations });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ _entities: [{ name: 'Kairat Umarov' }, null, null, null] });
    expect(response.body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['_entities', 2], 'BAD_USER_INPUT'],
      [['_entities', 3], 'BAD_USER_INPUT'],
    ]);
  });
});
