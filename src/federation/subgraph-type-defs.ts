/**
 * The subgraph's type definitions: the API's schema printed as SDL, plus what Apollo
 * Federation 2 needs to know of it — the `@link` to the federation spec, and
 * `@key(fields: "id")` on every type implementing `Node`. The global id is the key because
 * every entity has one, clients (and so other subgraphs) already hold it, and it resolves
 * through the same loaders as `node(id)`.
 *
 * The directives are added to the printed SDL rather than by type-graphql's `@Directive`
 * on each entity class, so the domain types and `schema.graphql` know nothing of federation.
 */
import { Kind, isInterfaceType, parse, printSchema, visit, type DirectiveNode, type DocumentNode, type GraphQLSchema, type SchemaExtensionNode } from 'graphql';

/**
 * The federation spec the subgraph links to. `@key` is all it uses, and 2.0 is the oldest
 * Federation 2 version, so any Federation 2 router or gateway composes it.
 */
export const FEDERATION_SPEC_URL = 'https://specs.apollo.dev/federation/v2.0';

const LINK = parse(`extend schema @link(url: "${FEDERATION_SPEC_URL}", import: ["@key"])`).definitions[0] as SchemaExtensionNode;
const KEY: DirectiveNode = {
  kind: Kind.DIRECTIVE,
  name: { kind: Kind.NAME, value: 'key' },
  arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'fields' }, value: { kind: Kind.STRING, value: 'id' } }],
};

/** The names of the object types implementing `Node`: the subgraph's entities. */
export function entityTypeNames(schema: GraphQLSchema): string[] {
  const node = schema.getType('Node');
  if (!isInterfaceType(node)) throw new Error('the schema has no Node interface, which a subgraph takes its entities from');
  return schema.getImplementations(node).objects.map((type) => type.name);
}

/** `schema` as subgraph SDL: `extend schema @link(...)` first, `@key(fields: "id")` on each entity. */
export function subgraphTypeDefs(schema: GraphQLSchema): DocumentNode {
  const entities = new Set(entityTypeNames(schema));
  const document = visit(parse(printSchema(schema)), {
    ObjectTypeDefinition(type) {
      return entities.has(type.name.value) ? { ...type, directives: [...(type.directives ?? []), KEY] } : undefined;
    },
  });
  return { ...document, definitions: [LINK, ...document.definitions] };
}
