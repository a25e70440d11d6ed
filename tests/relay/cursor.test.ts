import { GraphQLError } from 'graphql';
import { foldText } from '../../src/domain/fold-text';
import { decodeCursor, encodeCursor } from '../../src/schema/relay/cursor';

const DATE_KEY = ['2023-02-21', '2023-02-28', 'c5-plus-1-ministerial-astana-2023'];
const NOT_ISSUED = '"after" is not a valid cursor for this list: it is not one of the cursors this API issues. Use a cursor from this connection\'s edges or pageInfo.';
const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** The error decodeCursor throws for `cursor`, read back as data. */
function rejection(cursor: string, orderField = 'DATE', argumentName = 'after'): { message: string; extensions: unknown } {
  try {
    decodeCursor(cursor, orderField, argumentName);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    const { message, extensions } = error as GraphQLError;
    return { message, extensions };
  }
  throw new Error(`decodeCursor accepted ${JSON.stringify(cursor)}`);
}

describe('encodeCursor', () => {
  test('writes base64url of the version, the order and the key', () => {
    const cursor = encodeCursor('DATE', DATE_KEY);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).toEqual(['c1', 'DATE', ...DATE_KEY]);
  });
});

describe('decodeCursor', () => {
  test('reads back the key a cursor was made for', () => {
    expect(decodeCursor(encodeCursor('DATE', DATE_KEY), 'DATE', 'after')).toEqual(DATE_KEY);
  });

  test('reads back keys with empty, accented, quoted and non-Latin parts', () => {
    const key = ['', 'tokáyev "kassym-jomart" \\ 中', 'kassym-jomart-tokayev'];
    expect(decodeCursor(encodeCursor('NAME', key), 'NAME', 'before')).toEqual(key);
  });

  test('rejects garbage with BAD_USER_INPUT naming the argument', () => {
    expect(rejection('not a cursor!')).toEqual({ message: NOT_ISSUED, extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } });
  });

  test('rejects the empty string', () => {
    expect(rejection('', 'DATE', 'before')).toEqual({
      message: NOT_ISSUED.replace('"after"', '"before"'),
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'before' },
    });
  });

  test.each([
    ['padding', `${encodeCursor('DATE', ['x'])}=`],
    ['the standard alphabet', Buffer.from(JSON.stringify(['c1', 'DATE', '>>>?'])).toString('base64')],
  ])('rejects characters outside base64url: %s', (_name, cursor) => {
    expect(cursor).toMatch(/[=+/]/);
    expect(rejection(cursor)).toEqual({ message: NOT_ISSUED, extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } });
  });

  test('rejects valid base64url of text that is not JSON', () => {
    expect(rejection(base64url('hello, world'))).toEqual({ message: NOT_ISSUED, extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } });
  });

  test.each([
    ['an object', { c1: 'DATE' }],
    ['a string', 'c1'],
    ['no key', ['c1', 'DATE']],
    ['another version', ['c2', 'DATE', 'x']],
    ['a number in the key', ['c1', 'DATE', 3]],
    ['null in the key', ['c1', 'DATE', null]],
  ])('rejects JSON of the wrong shape: %s', (_name, value) => {
    expect(rejection(base64url(JSON.stringify(value)))).toEqual({ message: NOT_ISSUED, extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } });
  });

  test('rejects a cursor made for another order, naming both orders', () => {
    expect(rejection(encodeCursor('TITLE', ['c5+1 ministerial meeting in astana', 'c5-plus-1-ministerial-astana-2023']))).toEqual({
      message: '"after" is not a valid cursor for this list: it was made for the order TITLE, not DATE. Use a cursor from this connection\'s edges or pageInfo.',
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
    });
  });

  test('rejects input over 2000 characters before decoding it', () => {
    const long = encodeCursor('DATE', ['x'.repeat(1600)]);
    expect(long.length).toBeGreaterThan(2000);
    expect(rejection(long)).toEqual({ message: NOT_ISSUED, extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } });
  });

  // Bug: a TITLE key holds the folded title (up to 500 characters, 3 UTF-8 bytes each in
  // CJK) plus a slug of up to 120, so an issued cursor can exceed the 2000-character cap.
  test.failing('accepts every cursor it issues, even for a 500-character title in a non-Latin script', () => {
    const key = [foldText('中'.repeat(500)), 'a'.repeat(120)];
    expect(decodeCursor(encodeCursor('TITLE', key), 'TITLE', 'after')).toEqual(key);
  });
});
