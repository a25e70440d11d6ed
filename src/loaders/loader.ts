/**
 * One loader of one request: values by key, read at once from memory when the store holds
 * its data in this process, else batched and cached by a DataLoader.
 */
import DataLoader from 'dataloader';
import { isPromise, type PromiseOrValue } from '../jsutils/promise-or-value';
import type { RequestLoads } from './request-loads';

/** Where a loader reads. */
export interface LoaderSource<K, V> {
  /** The loader's name, `<value>By<Key>`, given to its DataLoader (`name`, for tracing). */
  name: string;
  /** The entity type its reads count under in the batch metrics. */
  entity: string;
  /** One store call for a batch of keys: one value per key, in key order. */
  batch(keys: readonly K[]): Promise<readonly (V | Error)[]>;
  /**
   * The value at once, from a store held in memory; undefined when memory cannot answer it
   * yet (a text filter while the text index is built), and the batch answers instead.
   * Absent for a store that reads elsewhere.
   */
  read?: (key: K) => V | undefined;
  /** The key DataLoader caches under (object keys are compared by their JSON). */
  cacheKeyFn?: (key: K) => unknown;
}

/**
 * Loads values by key for one request. Over memory, `load` answers with the value itself,
 * never a promise, so graphql-jit completes the field in place; otherwise it answers with
 * DataLoader's promise, the loads of one tick sharing one store call.
 */
export class Loader<K, V> {
  private dataLoader: DataLoader<K, V, unknown> | undefined;

  constructor(
    private readonly source: LoaderSource<K, V>,
    private readonly loads: RequestLoads,
  ) {}

  /** The value of `key`: at once when memory has it, else when its batch is answered. */
  load(key: K): PromiseOrValue<V> {
    const { read } = this.source;
    if (read) {
      const value = read(key);
      if (value !== undefined) {
        this.loads.read(this.source.entity);
        return value;
      }
    }
    return this.batched().load(key);
  }

  /** One value per key, in key order; a failed key's place holds its Error. */
  loadMany(keys: readonly K[]): PromiseOrValue<(V | Error)[]> {
    const values: PromiseOrValue<V | Error>[] = new Array(keys.length);
    let waiting = false;
    for (let i = 0; i < keys.length; i++) {
      try {
        const value = this.load(keys[i]!);
        if (isPromise(value)) {
          waiting = true;
          values[i] = value.catch((error: Error) => error);
        } else values[i] = value;
      } catch (error) {
        values[i] = error as Error;
      }
    }
    return waiting ? Promise.all(values) : (values as (V | Error)[]);
  }

  /** The DataLoader, made on the first load memory cannot answer (most requests over memory never need one). */
  private batched(): DataLoader<K, V, unknown> {
    const { name, entity, batch, cacheKeyFn } = this.source;
    // Async, so a deadline passed at the batch's start rejects the batch's promises.
    const batchLoadFn = async (keys: readonly K[]) => {
      this.loads.batch(entity, keys.length);
      return batch(keys);
    };
    return (this.dataLoader ??= new DataLoader<K, V, unknown>(batchLoadFn, { name, ...(cacheKeyFn ? { cacheKeyFn } : {}) }));
  }
}
