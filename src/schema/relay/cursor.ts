/**
 * Connection cursors: opaque to clients, each encodes the order it was made for and
 * the sort key of its item, so paging stays correct when records are added or removed.
 * A cursor is signed (HMAC-SHA256 with the server's cursor secret), so one that was
 * forged or altered is refused rather than silently positioning a page.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import type { SortKey } from '../../store/contract/store';

const VERSION = 'c1';
const MAC_BYTES = 12;
/** Longer than any cursor a sort key of the largest allowed values encodes to (titles of 500 characters, folded). */
const MAX_CURSOR_LENGTH = 16384;

/** Encodes and checks the cursors of one server. */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  /** The cursor of an item at `key` in a list ordered by `orderField`. */
  encode(orderField: string, key: SortKey): string {
    const payload = Buffer.from(JSON.stringify([VERSION, orderField, ...key]), 'utf8').toString('base64url');
    return `${payload}.${this.mac(payload).toString('base64url')}`;
  }

  /**
   * The sort key a cursor points at. Throws BAD_USER_INPUT when the cursor is malformed,
   * forged or altered, or was made for another order.
   */
  decode(cursor: string, orderField: string, argumentName: string): SortKey {
    const fail = (why: string): never => {
      throw new BadUserInputError(
        `"${argumentName}" is not a valid cursor for this list: ${why}. Use a cursor from this connection's edges or pageInfo.`,
        argumentName,
      );
    };
    const match = cursor.length <= MAX_CURSOR_LENGTH ? /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(cursor) : null;
    if (!match) return fail('it is not one of the cursors this API issues');
    const [, payload, signature] = match as unknown as [string, string, string];
    const expected = this.mac(payload);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return fail('it is not one of the cursors this API issues');
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return fail('it is not one of the cursors this API issues');
    }
    if (!Array.isArray(parsed) || parsed.length < 3 || parsed[0] !== VERSION || !parsed.every((part) => typeof part === 'string')) {
      return fail('it is not one of the cursors this API issues');
    }
    if (parsed[1] !== orderField) fail(`it was made for the order ${parsed[1]}, not ${orderField}`);
    return parsed.slice(2) as string[];
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.secret).update(payload).digest().subarray(0, MAC_BYTES);
  }
}
