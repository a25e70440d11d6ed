/** The pieces without a server: label bounds, request ids, the logger's redaction, the plugin on its own. */
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { OperationLabels, errorCodeLabel, isSafeRequestId } from '../../src/observability';

function memoryLogger(level: 'debug' | 'trace' = 'debug') {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString('utf8');
      callback();
    },
  });
  return { logger: createLogger({ logLevel: level }, sink), text: () => text };
}

describe('OperationLabels', () => {
  test('anonymous, valid names up to the cap, then "other"', () => {
    const labels = new OperationLabels(2, 10);
    expect(labels.label(null)).toBe('anonymous');
    expect(labels.label('')).toBe('anonymous');
    expect(labels.label('A')).toBe('A');
    expect(labels.label('ElevenChars')).toBe('other');
    expect(labels.label('not a name')).toBe('other');
    expect(labels.label('B', false)).toBe('other');
    expect(labels.label('B')).toBe('B');
    expect(labels.label('C')).toBe('other');
    expect(labels.label('A', false)).toBe('A');
  });

  test('error codes outside the upper-case form are "OTHER"', () => {
    expect(errorCodeLabel('BAD_USER_INPUT')).toBe('BAD_USER_INPUT');
    expect(errorCodeLabel('weird code')).toBe('OTHER');
    expect(errorCodeLabel('X'.repeat(65))).toBe('OTHER');
  });
});

test('request ids: short tokens of letters, digits and ._:- only', () => {
  expect(isSafeRequestId('abc-123_x.y:z')).toBe(true);
  expect(isSafeRequestId('')).toBe(false);
  expect(isSafeRequestId('a'.repeat(65))).toBe(false);
  expect(isSafeRequestId('a\nb')).toBe(false);
  expect(isSafeRequestId(['a'])).toBe(false);
});

test('the logger removes authorization headers, tokens and variables at every level', () => {
  const { logger, text } = memoryLogger('trace');
  logger.trace({ req: { headers: { authorization: 'Bearer t0ken-a', cookie: 's=1' } } }, 'a');
  logger.debug({ headers: { authorization: 'Bearer t0ken-b' } }, 'b');
  logger.info({ authorization: 'Bearer t0ken-c', token: 't0ken-d', request: { variables: { password: 't0ken-e' }, token: 't0ken-f' } }, 'c');
  expect(text().split('\n').filter(Boolean)).toHaveLength(3);
  expect(text()).not.toMatch(/t0ken|authorization|Bearer|password/);
});
