/** The Prometheus metrics Entente exposes at `GET /metrics`. */
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  /** One increment per batch call to the store, by entity type. */
  storeBatchLoads: Counter<'entity'>;
}

/** A fresh registry with process metrics and Entente's own. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const storeBatchLoads = new Counter({
    name: 'store_batch_loads_total',
    help: 'Batch reads sent to the store, by entity type (one per DataLoader batch).',
    labelNames: ['entity'],
    registers: [registry],
  });
  return { registry, storeBatchLoads };
}
