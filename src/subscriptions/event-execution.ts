/**
 * Runs a subscription as graphql-js's `subscribe` does, but executes each event in a
 * context of its own: a new view of the data (so `entity` is the entity as it is
 * when the event is sent, not as it was when the subscription began), new loaders and a
 * new execution deadline, released once the event is executed. graphql-js would reuse the
 * subscription's one context for every event, whose loaders read one version and whose
 * deadline runs out.
 */
import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Context } from '../context';

/** A subscription's context: makes the context each event executes in. */
export interface EventContexts {
  eventContext(): Context;
}

/** graphql-ws's `subscribe`: the source stream, each event executed in `contextValue.eventContext()`. */
export async function subscribeWithEventContexts(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const contexts = args.contextValue as Context & EventContexts;
  let source: AsyncIterable<unknown> | ExecutionResult;
  try {
    source = await createSourceEventStream(args);
  } finally {
    // The subscription's own view of the data is not read after this (a database transaction, if it began).
    contexts.release();
  }
  if (!isAsyncIterable(source)) return source;
  return mapEvents(source[Symbol.asyncIterator](), (event) => executeEvent(args, event, contexts.eventContext()));
}

/** Executes the operation for one event, then ends the event's view of the data. */
async function executeEvent(args: ExecutionArgs, event: unknown, contextValue: Context): Promise<ExecutionResult> {
  try {
    return await execute({ ...args, rootValue: event, contextValue });
  } finally {
    contextValue.release();
  }
}

/**
 * `source` with `map` applied to each value. A plain iterator, not an async generator:
 * `return()` must reach the source at once, even while a `next()` waits for an event.
 */
function mapEvents<T, R>(source: AsyncIterator<T>, map: (value: T) => R | Promise<R>): AsyncIterableIterator<R> {
  const close = async (): Promise<IteratorResult<R>> => {
    await source.return?.();
    return { value: undefined, done: true };
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const result = await source.next();
      if (result.done) return { value: undefined, done: true };
      return { value: await map(result.value), done: false };
    },
    return: close,
    async throw(error: unknown) {
      await close();
      throw error;
    },
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}
