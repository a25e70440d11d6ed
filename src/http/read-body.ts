/**
 * Reads a request's body into one Buffer, inflating gzip, deflate and brotli bodies, and
 * refusing a body whose bytes (after inflating) exceed the limit: what Express's JSON body
 * parser did for /graphql, on node:http's request directly.
 */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** A request refused before it reaches Apollo: its HTTP status, and the error it is answered with. */
export class HttpRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The body of `req`, at most `limit` bytes once inflated; rejects with an HttpRequestError (413, 415, 400). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new HttpRequestError(413, 'PAYLOAD_TOO_LARGE', `The request body exceeds ${limit} bytes.`);
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const declared = Number(req.headers['content-length']);
  // The declared length of an uncompressed body is enough to refuse it unread.
  if (encoding === 'identity' && declared > limit) return Promise.reject(tooLarge());
  let source: Readable;
  if (encoding === 'identity') source = req;
  else if (encoding === 'gzip' || encoding === 'x-gzip') source = req.pipe(createGunzip());
  else if (encoding === 'deflate') source = req.pipe(createInflate());
  else if (encoding === 'br') source = req.pipe(createBrotliDecompress());
  else return Promise.reject(new HttpRequestError(415, 'UNSUPPORTED_MEDIA_TYPE', `The content encoding ${JSON.stringify(encoding)} is not supported (gzip, deflate, br or identity).`));

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const fail = (error: HttpRequestError) => {
      source.removeAllListeners('data');
      if (source !== req) source.destroy();
      // The rest of the body is read and dropped, so the connection can carry the answer.
      req.resume();
      reject(error);
    };
    source.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) return fail(tooLarge());
      chunks.push(chunk);
    });
    const unreadable = encoding === 'identity' ? 'The request body could not be read.' : `The request body is not valid ${encoding} data.`;
    source.once('error', () => fail(new HttpRequestError(400, 'BAD_REQUEST', unreadable)));
    source.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received)));
    // A client that goes away mid-body: nothing is answered.
    req.once('aborted', () => reject(new HttpRequestError(400, 'BAD_REQUEST', 'The client closed the request before its body arrived.')));
  });
}
