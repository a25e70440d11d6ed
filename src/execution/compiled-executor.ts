/**
 * Executes operations with graphql-jit instead of graphql-js's interpreter, behind
 * Apollo Server's gateway hook: Apollo still parses, validates (with its document
 * cache), runs the plugins and serializes; only execution is replaced (an operation whose
 * reads spanned two data versions is run again: Context.againIfMixed). Each document is
 * compiled once per operation name and kept in an LRU map bounded in count and in
 * estimated bytes, so a flood of distinct documents cannot grow memory without limit. Execution stops waiting at the request's
 * deadline and answers REQUEST_TIMEOUT.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { GraphQLError, execute, getVariableValues, printSchema, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Context } from '../context';
import { isPromise } from '../jsutils/promise-or-value';
import { timeoutError } from './deadline';

/** How many compiled operations are kept. */
export const MAX_COMPILED_OPERATIONS = 1000;

/** How much memory the compiled operations kept may take, as estimated by compiledSize. */
export const MAX_COMPILED_BYTES = 64 * 1024 * 1024;

/**
 * The heap a compiled operation takes, estimated from its text: measured at 87–127 bytes a
 * character (graphql-jit's generated code grows with the selections), plus a fixed part.
 * 1,000 operations near the token limit would otherwise keep about a gigabyte.
 */
function compiledSize(source: string): number {
  return 4096 + 128 * source.length;
}

export function compiledExecutorGateway(schema: GraphQLSchema, maxCompiled = MAX_COMPILED_OPERATIONS, maxBytes = MAX_COMPILED_BYTES): GatewayInterface {
  const compiled = new LRUCache<string, CompiledQuery | ExecutionResult>({ max: maxCompiled, maxSize: maxBytes });
  const executor: GatewayExecutor = async (request) => {
    // No operation to run (an unknown operation name; a subscription, which the schema does
    // not have): graphql-js's execute answers these with its standard errors.
    if (!request.operation || !schema.getRootType(request.operation.operation)) {
      return execute({ schema, document: request.document, operationName: request.request.operationName, variableValues: request.request.variables, contextValue: request.context });
    }
    const key = `${request.queryHash}\u0000${request.operationName ?? ''}`;
    let query = compiled.get(key);
    if (query === undefined) {
      query = compileQuery(schema, request.document, request.operationName ?? undefined);
      compiled.set(key, query, { size: compiledSize(request.source ?? '') });
    }
    // A document graphql-jit cannot compile comes back as an ExecutionResult with its errors.
    if (!isCompiledQuery(query)) return withGraphQLErrors(query);
    const context = request.context as Context;
    const variables = request.request.variables ?? {};
    const compiledQuery = query;
    const run = () => compiledQuery.query(undefined, context, variables);
    const first = run();
    // Answered at once: every read was in memory, of one version.
    if (!isPromise(first)) {
      // No data at all: the variables did not coerce. graphql-js's own coercion gives its exact
      // errors (with the variable's node, which Apollo reads to answer 400 BAD_USER_INPUT).
      if (!('data' in first) && first.errors) {
        const coerced = getVariableValues(schema, request.operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
        if (coerced.errors) return { errors: coerced.errors };
      }
      return withGraphQLErrors(first as ExecutionResult);
    }
    const deadline = context.deadline;
    const remaining = deadline.remainingMs;
    if (remaining <= 0) return cutOff(context);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<ExecutionResult>((resolve) => {
      timer = setTimeout(() => resolve(cutOff(context)), remaining);
    });
    // Run again, once, when its reads spanned two versions (Context.againIfMixed): the second
    // run's view takes its version from the store first, so it cannot.
    const result = first.then((answer) => (context.againIfMixed() ? run() : answer)) as Promise<ExecutionResult>;
    try {
      return withGraphQLErrors(await Promise.race([result, expired]));
    } finally {
      clearTimeout(timer);
    }
  };
  let sdl: string | undefined;
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: (sdl ??= printSchema(schema)) });
      return () => {};
    },
    async load() {
      return { executor };
    },
    async stop() {
      compiled.clear();
    },
  };
}

function cutOff(context: Context): ExecutionResult {
  context.deadline.timedOut = true;
  return { errors: [timeoutError(context.deadline.timeoutMs)] };
}

/**
 * graphql-jit's errors leave `extensions` undefined when the original error has none;
 * Apollo's error formatting expects graphql-js's `{}`. Such errors are remade as graphql-js
 * errors with the same message, path, locations and original error.
 */
function withGraphQLErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.some((error) => error.extensions === undefined)) return result;
  const errors = result.errors.map((error) => {
    if (error.extensions !== undefined) return error;
    const remade = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined });
    (remade as { locations?: GraphQLError['locations'] }).locations = error.locations;
    return remade;
  });
  return { ...result, errors };
}
