import { createHmac } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { foldText } from '../../src/domain/fold-text';
import { CursorCodec } from '../../src/schema/relay/cursor';

const SECRET = 'test-cursor-secret';
const codec = new CursorCodec(SECRET);
const DATE_KEY = ['2023-02-21', '2023-02-28', 'c5-plus-1-ministerial-astana-2023'];
const NOT_ISSUED = '"after" is not a valid cursor for this list: it is not one of the cursors this API issues. Use a cursor from this connection\'s edges or pageInfo.';
const BAD_AFTER = { message: NOT_ISSUED, extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } };

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
/** Signs `payload` as the server with SECRET would: for payloads the server itself never issues. */
const signed = (payload: string) => `${payload}.${createHmac('sha256', SECRET).update(payload).digest().subarray(0, 12).toString('base64url')}`;

/** The error `decode` throws for `cursor`, read back as data. */
function rejection(cursor: string, orderField = 'DATE', argumentName = 'after'): { message: string; extensions: unknown } {
  try {
    codec.decode(cursor, orderField, argumentName);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    const { message, extensions } = error as GraphQLError;
    return { message, extensions };
  }
  throw new Error(`decode accepted ${JSON.stringify(cursor)}`);
}

describe('encode', () => {
  test('writes base64url of the version, the order and the key, then a signature', () => {
    const [payload, signature, ...rest] = codec.encode('DATE', DATE_KEY).split('.');
    expect(rest).toEqual([]);
    expect(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'))).toEqual(['c1', 'DATE', ...DATE_KEY]);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  test('gives the same cursor for the same order and key, and another for another secret', () => {
    expect(codec.encode('DATE', DATE_KEY)).toBe(new CursorCodec(SECRET).encode('DATE', DATE_KEY));
    expect(codec.encode('DATE', DATE_KEY)).not.toBe(new CursorCodec('another-secret').encode('DATE', DATE_KEY));
  });
});

describe('decode round trip', () => {
  test('reads back the key a cursor was made for', () => {
    expect(codec.decode(codec.encode('DATE', DATE_KEY), 'DATE', 'after')).toEqual(DATE_KEY);
  });

  test('reads back keys with empty, accented, quoted and non-Latin parts', () => {
    const key = ['', 'tokáyev "kassym-jomart" \\ 中', 'kassym-jomart-tokayev'];
    expect(codec.decode(codec.encode('NAME', key), 'NAME', 'before')).toEqual(key);
  });

  // A TITLE key holds the folded title: NFKD splits each Hangul syllable into 2-3 jamo
  // of 3 UTF-8 bytes each, so a 500-character Korean title gives a cursor of ~6000 characters.
  test('accepts every cursor it issues, even for a 500-character Korean title', () => {
    const key = [foldText('한'.repeat(500)), 'a'.repeat(120)];
    expect(codec.decode(codec.encode('TITLE', key), 'TITLE', 'after')).toEqual(key);
  });
});

describe('decode rejections', () => {
  test('rejects garbage with BAD_USER_INPUT naming the argument', () => {
    expect(rejection('not a cursor!')).toEqual(BAD_AFTER);
  });

  test('rejects the empty string, naming the argument it came in', () => {
    expect(rejection('', 'DATE', 'before')).toEqual({
      message: NOT_ISSUED.replace('"after"', '"before"'),
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'before' },
    });
  });

  test.each([
    ['padding', `${codec.encode('DATE', ['x'])}=`],
    ['a "+" from the standard alphabet', `+${codec.encode('DATE', DATE_KEY)}`],
    ['a "/" from the standard alphabet', codec.encode('DATE', DATE_KEY).replace('.', '/')],
  ])('rejects characters outside base64url: %s', (_name, cursor) => {
    expect(rejection(cursor)).toEqual(BAD_AFTER);
  });

  test('rejects a payload without its signature', () => {
    const [payload] = codec.encode('DATE', DATE_KEY).split('.');
    expect(rejection(payload ?? '')).toEqual(BAD_AFTER);
  });

  test('rejects a cursor signed with another secret', () => {
    expect(rejection(new CursorCodec('another-secret').encode('DATE', DATE_KEY))).toEqual(BAD_AFTER);
  });

  test('rejects a cursor whose key was altered after signing', () => {
    const [, signature] = codec.encode('DATE', DATE_KEY).split('.');
    const altered = `${base64url(JSON.stringify(['c1', 'DATE', '2023-02-21', '2023-02-28', 'a-forged-slug']))}.${signature}`;
    expect(rejection(altered)).toEqual(BAD_AFTER);
  });

  test('rejects a truncated signature', () => {
    expect(rejection(codec.encode('DATE', DATE_KEY).slice(0, -2))).toEqual(BAD_AFTER);
  });

  test('rejects valid base64url of text that is not JSON', () => {
    expect(rejection(`${base64url('hello, world')}.${base64url('not a signature')}`)).toEqual(BAD_AFTER);
  });

  test.each([
    ['an object', { c1: 'DATE' }],
    ['a string', 'c1'],
    ['no key', ['c1', 'DATE']],
    ['another version', ['c2', 'DATE', 'x']],
    ['a number in the key', ['c1', 'DATE', 3]],
    ['null in the key', ['c1', 'DATE', null]],
  ])('rejects a signed payload of the wrong shape: %s', (_name, value) => {
    expect(rejection(signed(base64url(JSON.stringify(value))))).toEqual(BAD_AFTER);
  });

  // The default CURSOR_SECRET is public, so anyone can sign a payload that is not JSON.
  test('rejects a signed payload that is not JSON with BAD_USER_INPUT', () => {
    expect(rejection(signed(base64url('hello, world')))).toEqual(BAD_AFTER);
  });

  test('rejects a cursor made for another order, naming both orders', () => {
    expect(rejection(codec.encode('TITLE', ['c5+1 ministerial meeting in astana', 'c5-plus-1-ministerial-astana-2023']))).toEqual({
      message: '"after" is not a valid cursor for this list: it was made for the order TITLE, not DATE. Use a cursor from this connection\'s edges or pageInfo.',
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
    });
  });

  test('rejects input over 16384 characters, even when correctly signed', () => {
    const long = codec.encode('DATE', ['x'.repeat(13000)]);
    expect(long.length).toBeGreaterThan(16384);
    expect(rejection(long)).toEqual(BAD_AFTER);
  });
});
