/**
 * The reads of one request's loaders, counted in the batch metrics
 * (`store_batch_loads_total`, `store_batch_size`) and held to the request's deadline.
 */
import type { RequestDeadline } from '../execution/deadline';
import type { Metrics } from '../metrics';

export class RequestLoads {
  private readonly readsThisTick = new Map<string, number>();
  private flushScheduled = false;
  private readCount = 0;

  constructor(
    private readonly metrics: Metrics,
    private readonly deadline?: RequestDeadline,
  ) {}

  /**
   * A batch a DataLoader sends to the store, counted from its batch function. Past the
   * deadline it throws REQUEST_TIMEOUT instead, and the store is not called.
   */
  batch(entity: string, keys: number): void {
    this.deadline?.check();
    this.record(entity, keys);
  }

  /**
   * A read answered from memory. The reads of one type in one tick are recorded as one
   * batch of that many keys, the batch DataLoader would have made of them, so the metric
   * means the same over either kind of store. Past the deadline it throws REQUEST_TIMEOUT,
   * checked every 16 reads (a read costs about as much as reading the clock).
   */
  read(entity: string): void {
    if ((++this.readCount & 15) === 1) this.deadline?.check();
    this.readsThisTick.set(entity, (this.readsThisTick.get(entity) ?? 0) + 1);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => this.flushReads());
    }
  }

  private flushReads(): void {
    this.flushScheduled = false;
    for (const [entity, keys] of this.readsThisTick) this.record(entity, keys);
    this.readsThisTick.clear();
  }

  private record(entity: string, keys: number): void {
    this.metrics.storeBatchLoads.inc({ entity });
    this.metrics.storeBatchSize.observe({ entity }, keys);
  }
}
