/**
 * Values that are there at once or later (graphql-js's `PromiseOrValue`). Loads over an
 * in-memory store answer at once; resolvers chain on a load with `then` and `all` instead
 * of `await`, so a value that is already there is never wrapped in a promise and
 * graphql-jit completes it in place.
 */
export type PromiseOrValue<T> = T | Promise<T>;

/** Whether `value` is a promise (anything with a `then` method), as graphql-js's `isPromise`. */
export function isPromise<T>(value: PromiseOrValue<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** `fn(value)`, at once when `value` is there, else when it settles. */
export function then<T, R>(value: PromiseOrValue<T>, fn: (value: T) => PromiseOrValue<R>): PromiseOrValue<R> {
  return isPromise(value) ? value.then(fn) : fn(value);
}

/** Every value, as an array at once when all are there, else as a promise of one. */
export function all<T>(values: readonly PromiseOrValue<T>[]): PromiseOrValue<T[]> {
  for (const value of values) if (isPromise(value)) return Promise.all(values);
  return values as T[];
}
