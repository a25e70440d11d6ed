/**
 * Field resolvers marked @CalledDirectly() are what the executors call: type-graphql carries
 * each mark to the schema through its public @Extensions, and installDirectResolvers makes
 * it the field's resolver. If a type-graphql upgrade stopped carrying the marks, these fail.
 */
import { buildSchema, isObjectType, type GraphQLField, type GraphQLInterfaceType, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { createLoaders } from '../../src/loaders/create-loaders';
import { createMetrics } from '../../src/metrics';
import { DIRECT_RESOLVE, DIRECT_RESOLVE_TYPE, installDirectResolvers } from '../../src/schema/direct-resolvers';
import { buildAppSchema } from '../../src/schema/index';
import { JsonStore } from '../../src/store/json/json-store';
import { DATA_DIR } from '../helpers/test-server';

const schema = buildAppSchema();
const field = (type: string, name: string) => (schema.getType(type) as GraphQLObjectType).getFields()[name]!;
const call = (resolvable: GraphQLField<unknown, unknown>, root: unknown, args: Record<string, unknown>, contextValue: unknown) =>
  resolvable.resolve!(root, args, contextValue, {} as GraphQLResolveInfo);

describe('direct resolvers', () => {
  test('every marked field resolves with the resolver its mark carries', () => {
    const marked = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((type) => Object.values(type.getFields()).filter((candidate) => candidate.extensions[DIRECT_RESOLVE] !== undefined).map((marked) => [type.name, marked] as const));
    // Among them a relation, a field resolver with arguments, and `id` from the Node interface's resolver.
    expect(marked.map(([type, { name }]) => `${type}.${name}`)).toEqual(expect.arrayContaining(['Participant.person', 'Person.offices', 'Office.holder', 'Meeting.id', 'Person.id']));
    expect(marked.length).toBeGreaterThan(40);
    for (const [, resolved] of marked) expect(resolved.resolve).toBe(resolved.extensions[DIRECT_RESOLVE]);
  });

  test('Node resolves its type synchronously, from the type name every entity carries', () => {
    const node = schema.getType('Node') as GraphQLInterfaceType;
    expect(node.resolveType).toBe(node.extensions[DIRECT_RESOLVE_TYPE]);
    expect(node.resolveType!({ __typename: 'Person' }, {}, {} as GraphQLResolveInfo, node)).toBe('Person');
  });

  test('over the in-memory store a relation answers with the record itself, not a promise', async () => {
    const store = await JsonStore.open(DATA_DIR, { readOnly: true });
    const context = { loaders: createLoaders(store.view(), createMetrics()) };
    const person = call(field('Participant', 'person'), { person: 'victoria-nuland' }, {}, context);
    expect(person).not.toBeInstanceOf(Promise);
    expect(person).toMatchObject({ __typename: 'Person', name: 'Victoria Nuland' });
  });

  test("a marked resolver's arguments arrive as GraphQL coerced them", async () => {
    const store = await JsonStore.open(DATA_DIR, { readOnly: true });
    const context = { loaders: createLoaders(store.view(), createMetrics()) };
    const nuland = store.view().inMemory!.get('Person', 'victoria-nuland')!;
    const titles = (args: Record<string, unknown>) => (call(field('Person', 'offices'), nuland, args, context) as { title: string }[]).map((office) => office.title);
    const everOffice = titles({});
    expect(everOffice.length).toBeGreaterThan(0);
    // Before any tenure began, no office was held.
    expect(titles({ asOf: '1900-01-01' })).toEqual([]);
  });

  test('a schema the marks did not reach is refused at start-up', () => {
    expect(() => installDirectResolvers(buildSchema('type Query { hello: String }'))).toThrow(/marked to be called directly, but type-graphql carried 0 of them/);
  });
});
