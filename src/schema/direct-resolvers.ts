/**
 * Calls field resolver methods directly. type-graphql wraps every `@FieldResolver` in a
 * handler that, on each call, fetches the resolver instance from its container, sorts the
 * parameter metadata, maps it to values and copies `@Root()` into a new instance of the
 * object type's class. For a field resolver with no middlewares and no auth roles whose
 * parameters are only `@Root()`, `@Ctx()` and `@Info()`, the same method is called with the
 * same values without that work: the root is passed as it is (the store's frozen records,
 * which the methods only read). A scalar `@Arg()` (String, Int, Float, Boolean, ID or a
 * custom scalar, or a list of one) is passed too: for those, type-graphql's handler hands on
 * the value GraphQL coerced, as it is (no class to instantiate; validation is off in this
 * schema). Resolvers taking input objects or `@Args()` classes keep type-graphql's handler,
 * which converts them.
 *
 * Uses only type-graphql's public `getMetadataStorage()`; a field whose metadata does not
 * fit is left as type-graphql built it.
 */
import { GraphQLObjectType, GraphQLScalarType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type Param = { kind: string; index: number; propertyName?: string; name?: string; getType?: () => unknown; validateSettings?: unknown; validateFn?: unknown };

/** Whether type-graphql passes this parameter's value through unchanged. */
function passedAsIs(param: Param): boolean {
  if (param.kind === 'root' || param.kind === 'context' || param.kind === 'info') return true;
  if (param.kind !== 'arg' || param.name === undefined || param.validateSettings !== undefined || param.validateFn !== undefined) return false;
  const type = param.getType?.();
  return type === String || type === Number || type === Boolean || type instanceof GraphQLScalarType;
}

/** Replaces the eligible field resolvers of `schema`; returns how many it replaced. */
export function callFieldResolversDirectly(schema: GraphQLSchema): number {
  const storage = getMetadataStorage();
  const instances = new Map<Function, Record<string, (...args: unknown[]) => unknown>>();
  let replaced = 0;
  for (const resolver of storage.fieldResolvers) {
    if (resolver.kind !== 'external' || (resolver.middlewares?.length ?? 0) > 0 || (resolver.roles?.length ?? 0) > 0 || !resolver.params) continue;
    const params = [...(resolver.params as Param[])].sort((a, b) => a.index - b.index);
    if (!params.every((param, i) => param.index === i && passedAsIs(param))) continue;
    const objectClass = resolver.getObjectType?.() ?? resolver.resolverClassMetadata?.getObjectType();
    const typeName = storage.objectTypes.find((type) => type.target === objectClass)?.name;
    const type = typeName === undefined ? undefined : schema.getType(typeName);
    const field = type instanceof GraphQLObjectType ? type.getFields()[resolver.schemaName] : undefined;
    if (!field) continue;
    let instance = instances.get(resolver.target);
    if (!instance) instances.set(resolver.target, (instance = new (resolver.target as new () => Record<string, (...args: unknown[]) => unknown>)()));
    const method = instance[resolver.methodName];
    if (typeof method !== 'function') continue;
    field.resolve = direct(instance, method, params);
    replaced++;
  }
  return replaced;
}

function direct(instance: object, method: (...args: unknown[]) => unknown, params: Param[]): GraphQLFieldResolver<unknown, unknown> {
  const plain = params.every((param) => param.propertyName === undefined);
  const kinds = params.map((param) => param.kind).join(',');
  // The shapes our resolvers use, without building an argument array per call.
  if (plain && kinds === 'root,context') return (root, _args, context) => method.call(instance, root, context);
  if (plain && kinds === 'root') return (root) => method.call(instance, root);
  if (plain && kinds === 'root,context,arg') {
    const name = params[2]!.name!;
    return (root, args, context) => method.call(instance, root, context, (args as Record<string, unknown>)[name]);
  }
  return (root, args, context, info) =>
    method.apply(
      instance,
      params.map((param) => {
        if (param.kind === 'arg') return (args as Record<string, unknown>)[param.name!];
        const value = param.kind === 'root' ? root : param.kind === 'context' ? context : info;
        return param.propertyName === undefined || param.kind === 'info' ? value : (value as Record<string, unknown>)[param.propertyName];
      }),
    );
}
