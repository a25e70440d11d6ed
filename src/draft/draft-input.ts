/**
 * What a draft accepts, checked before any reading: a text of 1 byte to
 * MAX_DRAFT_TEXT_BYTES of UTF-8 that is text (no NUL or other control characters than
 * tab, line feed, carriage return and form feed; no lone surrogates), a real calendar
 * date, and bounded, well-formed metadata. Anything else is a DraftInputError with a code,
 * which the API reports as BAD_USER_INPUT and the CLI as its message (exit 1).
 */
import { z } from 'zod';
import { isCalendarDate } from '../domain/calendar-date';
import { illFormedProblem } from '../jsutils/ill-formed-strings';

/**
 * The most UTF-8 bytes a drafted text may hold: 100 KiB, some 15,000 words, far beyond a
 * report (a 1,000-word report drafts in under 0.1 s), and drafted in about a second at
 * most: the draft runs in the server's thread, so its size is what bounds the pause. The
 * stored source text's own bound is larger (1 MiB).
 */
export const MAX_DRAFT_TEXT_BYTES = 100 * 1024;

/** Why a draft's input cannot be drafted. */
export type DraftInputErrorCode = 'EMPTY_TEXT' | 'TEXT_TOO_LARGE' | 'BINARY_TEXT' | 'BAD_DATE' | 'BAD_METADATA';

/** A draft input that cannot be drafted: `code` says why, `field` which input. */
export class DraftInputError extends Error {
  constructor(
    readonly code: DraftInputErrorCode,
    readonly field: 'text' | 'publishedOn' | 'title' | 'publisher' | 'url',
    message: string,
  ) {
    super(message);
    this.name = 'DraftInputError';
  }
}

/** Control characters that text does not hold (NUL and the like): a binary file read as text. */
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;
const url = z.url({ protocol: /^https?$/ });

/** Throws DraftInputError when the input cannot be drafted. */
export function checkDraftInput(input: { text: string; publishedOn: string | null; title?: string; publisher?: string; url?: string }): void {
  const { text } = input;
  if (text.trim() === '') throw new DraftInputError('EMPTY_TEXT', 'text', 'the text is empty: give the report\'s full text');
  // A UTF-16 code unit is at most 3 bytes of UTF-8: only long texts need counting.
  if (text.length * 3 > MAX_DRAFT_TEXT_BYTES) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_DRAFT_TEXT_BYTES) throw new DraftInputError('TEXT_TOO_LARGE', 'text', `the text is ${bytes} bytes of UTF-8; a draft takes at most ${MAX_DRAFT_TEXT_BYTES} bytes (100 KiB): draft a long document in parts`);
  }
  const control = CONTROL.exec(text);
  if (control !== null) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new DraftInputError('BINARY_TEXT', 'text', `the text holds the control character U+${code} at character ${control.index + 1}: it is not text (a binary file?); give plain UTF-8 text`);
  }
  const illFormed = illFormedProblem(text);
  if (illFormed !== null) throw new DraftInputError('BINARY_TEXT', 'text', `the text ${illFormed}`);
  if (input.publishedOn !== null && !isCalendarDate(input.publishedOn)) {
    throw new DraftInputError('BAD_DATE', 'publishedOn', `publishedOn must be a real calendar date YYYY-MM-DD; got ${JSON.stringify(String(input.publishedOn).slice(0, 40))}`);
  }
  const bounded = (field: 'title' | 'publisher', value: string | undefined, max: number) => {
    if (value === undefined) return;
    if (value.trim() === '' || value.length > max || CONTROL.test(value) || illFormedProblem(value) !== null) {
      throw new DraftInputError('BAD_METADATA', field, `${field} must be 1 to ${max} characters of text`);
    }
  };
  bounded('title', input.title, 500);
  bounded('publisher', input.publisher, 200);
  const given = input.url;
  if (given !== undefined && !url.safeParse(given).success) throw new DraftInputError('BAD_METADATA', 'url', `url must be an http or https URL; got ${JSON.stringify(given.slice(0, 80))}`);
}
