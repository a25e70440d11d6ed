/**
 * Field resolvers that the executors call directly: one small adapter on type-graphql's
 * public `@Extensions`, installed once on the built schema before any executor sees it.
 *
 * Why: type-graphql calls each `@FieldResolver` through a handler that, on every call, looks
 * the resolver instance up in its container, sorts and maps the parameter metadata and
 * converts `@Root()`; an `@Arg` or `@Args` parameter makes the call asynchronous (its
 * validation step is an async function), so graphql-jit cannot complete the field in place.
 * On the deep benchmark query that is about 40% of execution. A method marked
 * `@CalledDirectly()` is declared to type-graphql as usual (the field's type, description
 * and arguments come from its decorators) and, through `@Extensions`, also carries itself
 * as a plain graphql-js resolver; `installDirectResolvers` makes that the field's `resolve`.
 * Likewise type-graphql wraps every `resolveType` in an async function, while graphql-jit
 * calls it synchronously: `@TypeResolvedDirectly(fn)` carries the synchronous one.
 *
 * A `@CalledDirectly()` method takes `@Root()`, then `@Ctx()`, then optionally `@Args()` of
 * plain data, in that order, so type-graphql and the executors pass it the same values
 * (the executors pass GraphQL's coerced arguments as they are, where type-graphql would
 * copy them into an instance of the args class; validation is off in this schema).
 * `installDirectResolvers` throws at start-up if type-graphql stopped carrying a mark to
 * the schema, and tests/schema/direct-resolvers.test.ts checks the fields resolve directly.
 */
import { isAbstractType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema, type GraphQLTypeResolver } from 'graphql';
import { Extensions } from 'type-graphql';
import type { Context } from '../context';

/** The extension key of a field's direct resolver. */
export const DIRECT_RESOLVE = 'directResolve';
/** The extension key of an abstract type's synchronous resolveType. */
export const DIRECT_RESOLVE_TYPE = 'directResolveType';

/** How many marks the decorators made: every one must reach the schema. */
let marks = 0;

/** Marks a field resolver to be called directly as `method(root, context, args)`. */
export function CalledDirectly() {
  return <M extends (root: never, context: Context, args: never) => unknown>(prototype: object, methodName: string, descriptor: TypedPropertyDescriptor<M>): void => {
    const method: Function = descriptor.value!;
    const ResolverClass = prototype.constructor as new () => object;
    let instance: object | undefined;
    const resolve: GraphQLFieldResolver<unknown, Context> = (root, args, context) => method.call((instance ??= new ResolverClass()), root, context, args);
    Extensions({ [DIRECT_RESOLVE]: resolve })(prototype, methodName, descriptor);
    marks++;
  };
}

/** Marks an interface or union whose type `resolveType` names synchronously. */
export function TypeResolvedDirectly<V>(resolveType: (value: V) => string): ClassDecorator {
  marks++;
  return Extensions({ [DIRECT_RESOLVE_TYPE]: resolveType });
}

/**
 * Makes each marked field's direct resolver its `resolve`, and each marked abstract type's
 * synchronous resolveType its `resolveType`, in `schema` as type-graphql built it; throws
 * if a mark is missing.
 */
export function installDirectResolvers(schema: GraphQLSchema): GraphQLSchema {
  const installed = new Set<unknown>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (isAbstractType(type) && typeof type.extensions[DIRECT_RESOLVE_TYPE] === 'function') {
      type.resolveType = type.extensions[DIRECT_RESOLVE_TYPE] as GraphQLTypeResolver<unknown, unknown>;
      installed.add(type.resolveType);
    }
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.extensions[DIRECT_RESOLVE];
      if (typeof resolve !== 'function') continue;
      field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
      // An interface's field resolver reaches every type implementing it: one mark, one resolver.
      installed.add(resolve);
    }
  }
  if (installed.size !== marks) {
    throw new Error(`${marks} resolvers are marked to be called directly, but type-graphql carried ${installed.size} of them to the schema (see src/schema/direct-resolvers.ts)`);
  }
  return schema;
}
