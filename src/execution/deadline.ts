/**
 * A request's execution deadline (REQUEST_TIMEOUT_MS). The compiled executor stops
 * waiting at the deadline and answers REQUEST_TIMEOUT; the request's loaders refuse to
 * start new store batches after it, so the work left behind stops at its next read.
 */
import { GraphQLError } from 'graphql';
import { performance } from 'node:perf_hooks';

export class RequestDeadline {
  /** Set once the request has been cut off. */
  timedOut = false;
  /** The deadline, on performance.now()'s clock. */
  readonly at: number;

  constructor(readonly timeoutMs: number) {
    this.at = performance.now() + timeoutMs;
  }

  get remainingMs(): number {
    return this.at - performance.now();
  }

  get expired(): boolean {
    return this.timedOut || performance.now() >= this.at;
  }

  /** Throws REQUEST_TIMEOUT once the deadline has passed. */
  check(): void {
    if (this.expired) {
      this.timedOut = true;
      throw timeoutError(this.timeoutMs);
    }
  }
}

export function timeoutMessage(timeoutMs: number): string {
  return `The request ran longer than the limit of ${timeoutMs} ms and was cut off.`;
}

export function timeoutError(timeoutMs: number): GraphQLError {
  return new GraphQLError(timeoutMessage(timeoutMs), { extensions: { code: 'REQUEST_TIMEOUT' } });
}
