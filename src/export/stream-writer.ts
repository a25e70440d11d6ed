/**
 * Writing an export to a stream at the pace its reader takes: a write waits while the
 * stream's buffer is full (`write` returned false) until it drains, and fails with
 * OutputClosedError once the stream is closed or broken (the client went away, the pipe
 * was closed), so that the export stops reading instead of buffering what no one reads.
 */
import type { Writable } from 'node:stream';

/** The output of an export was closed before the export ended. */
export class OutputClosedError extends Error {
  constructor(reason = 'the output was closed before the export ended') {
    super(reason);
    this.name = 'OutputClosedError';
  }
}

/** A `write` for runExport onto `stream`. */
export function streamWriter(stream: Writable): (chunk: string) => Promise<void> {
  return (chunk) =>
    new Promise<void>((resolve, reject) => {
      if (stream.destroyed || stream.writableEnded) return reject(new OutputClosedError());
      if (stream.write(chunk)) return resolve();
      const settle = (error?: Error) => {
        stream.off('drain', onDrain);
        stream.off('close', onClose);
        stream.off('error', onError);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => settle();
      const onClose = () => settle(new OutputClosedError());
      const onError = (error: Error) => settle(new OutputClosedError(`the output failed: ${error.message}`));
      stream.on('drain', onDrain);
      stream.on('close', onClose);
      stream.on('error', onError);
    });
}
