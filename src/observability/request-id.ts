/** Request ids: an incoming `x-request-id` is kept when it is a short, safe token; otherwise a new UUID. */
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Letters, digits and `._:-`, 1 to 64 characters: nothing that could break a log line or a header. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Whether `value` may be used as a request id as given. */
export function isSafeRequestId(value: unknown): value is string {
  return typeof value === 'string' && SAFE_REQUEST_ID.test(value);
}

/** The id for a request sending `incoming` as its `x-request-id` (unless `taken` says it is in use). */
export function chooseRequestId(incoming: string | string[] | undefined, taken: (id: string) => boolean = () => false): string {
  return isSafeRequestId(incoming) && !taken(incoming) ? incoming : randomUUID();
}
