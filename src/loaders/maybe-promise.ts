/**
 * Values that are there at once or later. Loaders over an in-memory store answer at once;
 * resolvers chain on a load with these helpers instead of `await`, so a value that is
 * already there is never wrapped in a promise (graphql-jit then completes it in place).
 */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** `fn(value)`, at once when `value` is there, else when it settles. */
export function then<T, R>(value: MaybePromise<T>, fn: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromise(value) ? value.then(fn) : fn(value);
}

/** Every value, as an array at once when all are there, else as a promise of one. */
export function all<T>(values: readonly MaybePromise<T>[]): MaybePromise<T[]> {
  for (const value of values) if (isPromise(value)) return Promise.all(values);
  return values as T[];
}
