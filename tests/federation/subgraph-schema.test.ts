/**
 * The schema as an Apollo Federation 2 subgraph: `subgraph.graphql` is what the code
 * builds; it is the default schema plus federation's directives; it composes with another
 * subgraph that extends Person; and without FEDERATION none of it is served.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { Kind, buildSchema, isObjectType, lexicographicSortSchema, parse, print, printSchema, type GraphQLSchema } from 'graphql';
import { buildSubgraphAppSchema, entityTypeNames, printAppSubgraphSchema } from '../../src/federation/index';
import { buildAppSchema } from '../../src/schema/index';
import { postGraphQL } from '../helpers/server-process';
import { startTestServer } from '../helpers/test-server';
import { FIXTURES_DIR } from './fixture-process';

const ROOT = path.resolve(__dirname, '../..');
const committed = readFileSync(path.join(ROOT, 'subgraph.graphql'), 'utf8');
const PROFILES_SDL = readFileSync(path.join(FIXTURES_DIR, 'profiles.graphql'), 'utf8');

/** The SDL of `schema` with its types in name order, for comparing schemas printed in different orders. */
const sorted = (schema: GraphQLSchema) => printSchema(lexicographicSortSchema(schema));

/** The object types of `sdl` that carry a directive, by type name, each with its directives printed. */
function directivesByType(sdl: string): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const definition of parse(sdl).definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.directives?.length) {
      found[definition.name.value] = definition.directives.map((directive) => print(directive));
    }
  }
  return found;
}

describe('subgraph.graphql', () => {
  test('equals the subgraph schema the code builds (run `npm run schema:subgraph` after changing it)', () => {
    expect(printAppSubgraphSchema()).toBe(committed);
  });

  test('is the default schema plus the federation spec link and a key on every entity', () => {
    const link = 'extend schema\n  @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key"])\n\n';
    expect(committed.startsWith(link)).toBe(true);
    const withoutFederation = committed.slice(link.length).replace(/\n\s*@key\(fields: "id"\)/g, '');
    expect(sorted(buildSchema(withoutFederation))).toBe(sorted(buildAppSchema()));
  });

  test('keys exactly the types implementing Node, each by its global id', () => {
    const entities = entityTypeNames(buildAppSchema()).sort();
    expect(entities).toEqual(['Country', 'Meeting', 'Office', 'Organization', 'Person', 'Place', 'Source', 'Tenure', 'Topic']);
    expect(directivesByType(committed)).toEqual(Object.fromEntries(entities.map((name) => [name, ['@key(fields: "id")']])));
  });
});

describe('the subgraph schema', () => {
  test('adds _service and _entities to the Query type, and nothing else to the API', () => {
    const app = buildAppSchema().getQueryType()!.getFields();
    const subgraph = buildSubgraphAppSchema().getQueryType()!.getFields();
    expect(Object.keys(subgraph).sort()).toEqual([...Object.keys(app), '_entities', '_service'].sort());
    expect(String(subgraph._entities!.type)).toBe('[_Entity]!');
  });

  test('keeps every argument default as the resolvers receive it in the default schema', () => {
    // The SDL round trip rebuilds defaults from their printed form; an enum whose values
    // stand for other internal values would come back as the name.
    const defaults = (schema: GraphQLSchema) =>
      Object.values(schema.getTypeMap())
        .filter(isObjectType)
        .flatMap((type) => Object.values(type.getFields()).map((field) => ({ type, field })))
        .flatMap(({ type, field }) => field.args.filter((arg) => arg.defaultValue !== undefined).map((arg) => [`${type.name}.${field.name}(${arg.name})`, arg.defaultValue]));
    const app = defaults(buildAppSchema());
    expect(app.length).toBeGreaterThan(0);
    expect(defaults(buildSubgraphAppSchema())).toEqual(app);
  });
});

describe('composition', () => {
  test('composes with a subgraph that extends Person by its key, with no errors', () => {
    const result = composeServices([
      { name: 'entente', url: 'http://entente.invalid/graphql', typeDefs: parse(printAppSubgraphSchema()) },
      { name: 'profiles', url: 'http://profiles.invalid/', typeDefs: parse(PROFILES_SDL) },
    ]);
    expect(result.errors).toBeUndefined();
    const api = result.schema!.toAPISchema().toGraphQLJSSchema();
    const person = api.getType('Person');
    if (!isObjectType(person)) throw new Error('the supergraph has no Person type');
    expect(Object.keys(person.getFields())).toEqual(expect.arrayContaining(['id', 'name', 'offices', 'meetings', 'profileNote']));
    expect(Object.keys(api.getQueryType()!.getFields())).toEqual(expect.arrayContaining(['people', 'node', 'featuredPeople']));
  });
});

describe('without FEDERATION', () => {
  test('the schema has no _entities or _service', () => {
    const fields = buildAppSchema().getQueryType()!.getFields();
    expect(fields._entities).toBeUndefined();
    expect(fields._service).toBeUndefined();
    expect(buildAppSchema().getType('_Any')).toBeUndefined();
  });

  test('the server refuses _service as a field it does not have', async () => {
    const api = await startTestServer();
    try {
      const response = await postGraphQL(`${api.url}/graphql`, 'query Service { _service { sdl } }');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        errors: [{ message: 'Cannot query field "_service" on type "Query".', locations: [{ line: 1, column: 17 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
      });
    } finally {
      await api.stop();
    }
  });
});
