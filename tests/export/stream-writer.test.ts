/**
 * streamWriter, the backpressure of every export (the HTTP response, the CLI's stdout): a
 * write waits while the stream's buffer is full until it drains, and fails with
 * OutputClosedError when the stream is closed meanwhile, or was already.
 */
import { Writable } from 'node:stream';
import { OutputClosedError, streamWriter } from '../../src/export/stream-writer';

/** A stream of 4 bytes' buffer whose reader takes a chunk only when told to. */
function slowStream() {
  const taken: string[] = [];
  const waiting: (() => void)[] = [];
  const stream = new Writable({
    highWaterMark: 4,
    write(chunk: Buffer, _encoding, callback) {
      taken.push(chunk.toString());
      waiting.push(() => callback());
    },
  });
  return { stream, taken, takeNext: () => waiting.shift()?.() };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('a write into a full stream waits until the reader drains it', async () => {
  const { stream, taken, takeNext } = slowStream();
  const write = streamWriter(stream);
  let written = false;
  const pending = write('more than four bytes').then(() => (written = true));
  await tick();
  expect(written).toBe(false);
  takeNext();
  await pending;
  expect(written).toBe(true);
  expect(taken).toEqual(['more than four bytes']);
});

test('a write into a stream with room resolves at once', async () => {
  const { stream } = slowStream();
  await expect(streamWriter(stream)('ab')).resolves.toBeUndefined();
});

test('a write waiting on a stream that is then closed fails with OutputClosedError, and so does every later write', async () => {
  const { stream } = slowStream();
  const write = streamWriter(stream);
  const pending = write('more than four bytes');
  await tick();
  stream.destroy();
  await expect(pending).rejects.toBeInstanceOf(OutputClosedError);
  await expect(write('x')).rejects.toBeInstanceOf(OutputClosedError);
  expect(stream.listenerCount('drain')).toBe(0);
});
