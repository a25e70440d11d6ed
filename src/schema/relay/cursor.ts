/**
 * Connection cursors: opaque to clients, each encodes the order it was made for and
 * the sort key of its item, so paging stays correct when records are added or removed.
 */
import type { SortKey } from '../../store/store';
import { BadUserInputError } from '../../errors/bad-user-input.error';

const VERSION = 'c1';

/** The cursor of an item at `key` in a list ordered by `orderField`. */
export function encodeCursor(orderField: string, key: SortKey): string {
  return Buffer.from(JSON.stringify([VERSION, orderField, ...key]), 'utf8').toString('base64url');
}

/**
 * The sort key a cursor points at. Throws BAD_USER_INPUT when the cursor is malformed
 * or was made for another order.
 */
export function decodeCursor(cursor: string, orderField: string, argumentName: string): SortKey {
  const fail = (why: string): never => {
    throw new BadUserInputError(`"${argumentName}" is not a valid cursor for this list: ${why}. Use a cursor from this connection's edges or pageInfo.`, argumentName);
  };
  if (cursor.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) fail('it is not one of the cursors this API issues');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return fail('it is not one of the cursors this API issues');
  }
  if (!Array.isArray(parsed) || parsed.length < 3 || parsed[0] !== VERSION || !parsed.every((part) => typeof part === 'string')) {
    return fail('it is not one of the cursors this API issues');
  }
  if (parsed[1] !== orderField) fail(`it was made for the order ${parsed[1]}, not ${orderField}`);
  return parsed.slice(2) as string[];
}
