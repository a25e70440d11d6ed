/**
 * One journal line: `<crc32 of the JSON as 8 hex digits> <json>\n`, the JSON a ChangeEntry.
 * Every segment of the journal holds lines of this one format.
 */
import { crc32 } from 'node:zlib';
import { ENTITY_TYPES } from '../../contract/records';
import type { ChangeEntry, ChangeOperation } from '../../contract/store';

const OPERATIONS: readonly string[] = ['create', 'update', 'delete'] satisfies ChangeOperation[];

/** One journal line: `<crc32 as 8 hex> <json>\n`. */
export function formatLine(entry: ChangeEntry): string {
  const { seq, at, operation, type, slug, record } = entry;
  const json = JSON.stringify({ seq, at, operation, type, slug, record });
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

/** The entry a line (without its newline) holds, or why it holds none. */
export function parseLine(line: Buffer): { entry: ChangeEntry } | { reason: string } {
  const crcText = line.toString('latin1', 0, 8);
  if (line.length < 10 || line[8] !== 0x20 || !/^[0-9a-f]{8}$/.test(crcText)) return { reason: 'not of the form "<8 hex crc> <json>"' };
  const json = line.subarray(9);
  if (crc32(json) !== Number.parseInt(crcText, 16)) return { reason: 'checksum mismatch' };
  let value: unknown;
  try {
    value = JSON.parse(json.toString('utf8'));
  } catch (error) {
    return { reason: `not valid JSON (${(error as Error).message})` };
  }
  const problem = entryProblem(value);
  return problem === null ? { entry: value as ChangeEntry } : { reason: problem };
}

/** What is wrong with an entry's shape, or null when it is a valid entry. */
export function entryProblem(value: unknown): string | null {
  if (!isObject(value)) return `entry is ${show(value)}, not an object`;
  const { seq, at, operation, type, slug, record } = value;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return `seq is ${show(seq)}, not a positive integer`;
  if (typeof at !== 'string') return `at is ${show(at)}, not a timestamp string`;
  if (typeof operation !== 'string' || !OPERATIONS.includes(operation)) return `operation is ${show(operation)}, not one of ${OPERATIONS.join(', ')}`;
  if (typeof type !== 'string' || !(ENTITY_TYPES as readonly string[]).includes(type)) return `type is ${show(type)}, not one of ${ENTITY_TYPES.join(', ')}`;
  if (typeof slug !== 'string') return `slug is ${show(slug)}, not a string`;
  if (operation === 'delete' && record !== null) return `record of a delete is ${show(record)}, not null`;
  if (operation !== 'delete' && !isObject(record)) return `record of a ${operation} is ${show(record)}, not an object`;
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short rendering of a value for messages; never throws (a BigInt has no JSON). */
function show(value: unknown): string {
  try {
    const json = JSON.stringify(value);
    if (json === undefined) return 'missing';
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  } catch {
    return String(value);
  }
}
