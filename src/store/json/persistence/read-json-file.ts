/**
 * Reads a data file as JSON with its digest. A file in the store's own layout
 * (`JSON.stringify(records, null, 2) + '\n'`, see json-array.ts) is read a few megabytes
 * at a time into one reused buffer and parsed some kilobytes of records at a time, cut
 * between top-level records: no copy of the whole file is ever held, as bytes or as a
 * string, and each piece's text is small enough to live and die in V8's young
 * generation. On this project's machine that opens 100,000 meetings (287 MB) in a third
 * of the time and with a third of the memory of reading the bytes whole.
 *
 * A cut anywhere but between top-level records leaves unbalanced pieces that fail to
 * parse (a JSON string holds no raw newline), and any failure falls back to reading and
 * parsing the whole text, so the result and error messages are those of `JSON.parse`.
 */
import { createHash, type Hash } from 'node:crypto';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { DIGEST_ALGORITHM, digestOf } from './validated-files';

/** The parsed value, or the syntax error `JSON.parse` threw; with the digest of the bytes read either way. */
export type ReadJson = { digest: string; value: unknown } | { digest: string; syntaxError: Error };

/** How many bytes are read at a time, and parsed at a time (plus the rest of the record the cut falls in). */
export interface ReadSizes {
  read: number;
  piece: number;
}

/**
 * 4 MiB reads; 16 KiB pieces, well below V8's largest young-generation object (128 KiB)
 * even as a two-byte string (a piece above it took three times as long to parse).
 */
const DEFAULT_SIZES: ReadSizes = { read: 4 << 20, piece: 16 << 10 };

const OPEN = Buffer.from('[\n  {');
const CLOSE = Buffer.from('\n  }\n]\n');
const BETWEEN = Buffer.from('\n  },\n  {');

/**
 * Reads and parses `file`. `each` is called with every element of a top-level array as it
 * is parsed (to share repeated strings while they are young, say); it may also see
 * elements of a layout that turned out wrong, which are then dropped: it must leave them
 * as valid as it found them. Read errors are thrown (`NodeJS.ErrnoException`).
 */
export async function readJsonFile(file: string, each?: (element: unknown) => void, sizes: ReadSizes = DEFAULT_SIZES): Promise<ReadJson> {
  const handle = await open(file, 'r');
  try {
    const hash = createHash(DIGEST_ALGORITHM);
    const records = await readRecords(handle, hash, sizes, each);
    if (records) return { digest: hash.digest('hex'), value: records };
  } finally {
    await handle.close();
  }
  // Not in the store's layout: the whole text decides, as JSON.parse alone would.
  const bytes = await readFile(file);
  const digest = digestOf(bytes);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return { digest, syntaxError: error as Error };
  }
  if (each && Array.isArray(value)) for (const element of value) each(element);
  return { digest, value };
}

/** The records of a file in the store's layout, or null when it is not in that layout. */
async function readRecords(handle: FileHandle, hash: Hash, sizes: ReadSizes, each?: (element: unknown) => void): Promise<unknown[] | null> {
  const records: unknown[] = [];
  const parse = (held: Buffer, from: number, to: number) => {
    const part = JSON.parse(`[${held.toString('utf8', from, to)}]`) as unknown[];
    for (let i = 0; i < part.length; i++) {
      each?.(part[i]);
      records.push(part[i]);
    }
  };
  let buffer = Buffer.allocUnsafe(sizes.read);
  let length = 0;
  // Where the next piece begins (a record's "{"); -1 until the opening is checked.
  let start = -1;
  try {
    for (;;) {
      if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      hash.update(buffer.subarray(length, length + bytesRead));
      length += bytesRead;
      const ended = bytesRead === 0;
      const held = buffer.subarray(0, length);
      if (start < 0) {
        if (length < OPEN.length && !ended) continue;
        if (!held.subarray(0, OPEN.length).equals(OPEN)) return null;
        start = OPEN.length - 1;
      }
      for (;;) {
        const cut = held.indexOf(BETWEEN, Math.min(start + sizes.piece, length));
        if (cut < 0) break;
        parse(held, start, cut + 4); // up to the record's closing "}"
        start = cut + BETWEEN.length - 1; // at the next record's "{"
      }
      if (ended) {
        // The rest is the last records and the closing.
        const end = length - CLOSE.length;
        if (end < start || !held.subarray(end).equals(CLOSE)) return null;
        parse(held, start, end + 4);
        return records;
      }
      // Keep the unparsed rest at the buffer's start; the next read appends to it.
      buffer.copy(buffer, 0, start, length);
      length -= start;
      start = 0;
    }
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}
