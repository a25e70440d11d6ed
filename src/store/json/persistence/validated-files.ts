/**
 * Digests of data-directory bytes that passed validation, recorded in store.json so that
 * start-up can tell files it already validated (or wrote from validated state) from files
 * changed since, and skip re-validating only the former.
 */
import { createHash } from 'node:crypto';

/** The digest recorded per file. */
export const DIGEST_ALGORITHM = 'sha256';

/** Files, by path relative to the data directory, whose bytes with these digests passed these rules. */
export interface ValidatedFiles {
  /** Fingerprint of the validation rules the bytes passed (see `validationRules`). */
  rules: string;
  /** Relative path → hex digest. */
  files: ReadonlyMap<string, string>;
}

/** The hex digest of `content` (a string counts as its UTF-8 bytes, as written to disk). */
export function digestOf(content: string | Uint8Array): string {
  return createHash(DIGEST_ALGORITHM).update(content).digest('hex');
}
