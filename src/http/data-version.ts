/**
 * Read-your-writes over HTTP. Every GraphQL answer says the data version it reflects
 * (`Entente-Data-Version`; a mutation's: the version its writes made, at least), and a
 * client may ask for a version at least as new (`Entente-Min-Version`): the highest it has
 * seen. With PostgreSQL read replicas, a request is read on a replica that has replayed
 * that version, else on the primary; over one copy of the data every version is current.
 */
import type { IncomingMessage } from 'node:http';
import { HttpRequestError } from './read-body';

/** Response header: the data version the answer was read at. */
export const DATA_VERSION_HEADER = 'Entente-Data-Version';
/** Request header: the oldest data version the answer may be read at. */
export const MIN_VERSION_HEADER = 'Entente-Min-Version';

/** The request's `Entente-Min-Version`, or undefined when absent; a value that is not a whole number is a 400. */
export function minVersionOf(req: IncomingMessage): number | undefined {
  const raw = req.headers['entente-min-version'];
  if (raw === undefined) return undefined;
  const text = Array.isArray(raw) ? raw.join(',') : raw;
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(value)) {
    throw new HttpRequestError(400, 'BAD_REQUEST', `The ${MIN_VERSION_HEADER} header must be a data version (a whole number, as ${DATA_VERSION_HEADER} gives); got ${JSON.stringify(text)}.`);
  }
  return value;
}
