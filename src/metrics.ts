/** The Prometheus metrics Entente exposes at `GET /metrics`. */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  /** One increment per batch call to the store, by entity type. */
  storeBatchLoads: Counter<'entity'>;
  /** The number of keys in each batch call to the store, by entity type. */
  storeBatchSize: Histogram<'entity'>;
  /** How long each GraphQL request took, by operation name (bounded: see observability/operation-label.ts). */
  graphqlRequestDuration: Histogram<'operation'>;
  /** GraphQL errors sent to clients, by `extensions.code`. */
  graphqlErrors: Counter<'code'>;
  /** GraphQL requests by what the response cache did: hit, miss, or bypass (not cacheable by its form, or the cache is off). */
  responseCacheRequests: Counter<'result'>;
  /** Exports over HTTP (/export/<format>) by format and how they ended: complete, aborted (the client went away) or failed. */
  exports: Counter<'format' | 'outcome'>;
}

/** Buckets for request durations, in seconds: 1 ms to 10 s. */
export const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Buckets for keys per store batch. */
export const BATCH_SIZE_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

/** A fresh registry with process metrics and Entente's own. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const storeBatchLoads = new Counter({
    name: 'store_batch_loads_total',
    help: 'Batch reads sent to the store, by entity type (one per loader batch: the reads of one type in one tick).',
    labelNames: ['entity'],
    registers: [registry],
  });
  const storeBatchSize = new Histogram({
    name: 'store_batch_size',
    help: 'Keys per batch read sent to the store (one observation per loader batch), by entity type.',
    labelNames: ['entity'],
    buckets: BATCH_SIZE_BUCKETS,
    registers: [registry],
  });
  const graphqlRequestDuration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request duration in seconds, by operation name ("anonymous" when unnamed, "other" past the cardinality cap).',
    labelNames: ['operation'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const graphqlErrors = new Counter({
    name: 'graphql_errors_total',
    help: 'GraphQL errors sent to clients, by extensions.code.',
    labelNames: ['code'],
    registers: [registry],
  });
  const responseCacheRequests = new Counter({
    name: 'response_cache_requests_total',
    help: 'GraphQL requests by what the response cache did: hit, miss, or bypass.',
    labelNames: ['result'],
    registers: [registry],
  });
  // Not named `exports`: in the CommonJS that tsc emits, that name is the module's own.
  const exportOutcomes = new Counter({
    name: 'exports_total',
    help: 'Exports over HTTP (/export/<format>) that began streaming, by format and outcome: complete, aborted (the client went away) or failed.',
    labelNames: ['format', 'outcome'],
    registers: [registry],
  });
  return { registry, storeBatchLoads, storeBatchSize, graphqlRequestDuration, graphqlErrors, responseCacheRequests, exports: exportOutcomes };
}
