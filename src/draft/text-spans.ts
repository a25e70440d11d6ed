/**
 * Spans of a report's text: the verbatim quotes that cite what a draft proposes; its
 * sentences and plain spans are src/domain/text-spans.ts's, re-exported here. Offsets are
 * UTF-16 code units of the text as given (JavaScript string indices: `text.slice(start,
 * end)` is the quote), the same for the CLI and the API.
 *
 * A citation's quote must hold at least MIN_QUOTE_WORDS words and occur verbatim in the
 * text (the store's rule): a mention shorter than that ("Blinken") is cited with the
 * words around it, within its sentence.
 */
import { escapeRegExp, span, trimmed, type TextSpan } from '../domain/text-spans';
import { MIN_QUOTE_WORDS, wordCount } from '../store/contract/validate';

export { escapeRegExp, sentences, span, trimmed, type TextSpan } from '../domain/text-spans';

/** Where a text names something: offsets in UTF-16 code units. */
export interface Mention {
  start: number;
  end: number;
}

/**
 * A verbatim quote of at least MIN_QUOTE_WORDS words that contains `start..end`: the
 * mention itself when long enough, else widened a word at a time (after it first, then
 * before) within `within` (its sentence). Null when the sentence itself is too short.
 */
export function quoteAround(text: string, start: number, end: number, within: TextSpan): TextSpan | null {
  let from = start;
  let to = end;
  let after = true;
  while (wordCount(text.slice(from, to)) < MIN_QUOTE_WORDS) {
    const next = after ? nextWordEnd(text, to, within.end) : previousWordStart(text, from, within.start);
    if (next === null) {
      const other = !after ? nextWordEnd(text, to, within.end) : previousWordStart(text, from, within.start);
      if (other === null) return null;
      if (after) from = other;
      else to = other;
    } else if (after) {
      to = next;
    } else {
      from = next;
    }
    after = !after;
  }
  return trimmed(text, from, to);
}

/** The end of the word after `at`, with its trailing punctuation left out; null past `limit`. */
function nextWordEnd(text: string, at: number, limit: number): number | null {
  const match = /^[^\p{L}\p{N}]*[\p{L}\p{M}\p{N}]+(?:[.'’-][\p{L}\p{M}\p{N}]+)*/u.exec(text.slice(at, limit));
  return match === null ? null : at + match[0].length;
}

/** The start of the word before `at`; null before `limit`. */
function previousWordStart(text: string, at: number, limit: number): number | null {
  const match = /[\p{L}\p{M}\p{N}]+(?:[.'’-][\p{L}\p{M}\p{N}]+)*[^\p{L}\p{N}]*$/u.exec(text.slice(limit, at));
  return match === null ? null : limit + match.index;
}

/** A quote of the store's maximum length or less: the sentence cut at a word end (quotes are at most 2,000 characters). */
export function boundedQuote(text: string, sentence: TextSpan, max = 2000): TextSpan {
  if (sentence.end - sentence.start <= max) return sentence;
  const cut = text.slice(sentence.start, sentence.start + max);
  const lastSpace = cut.search(/\s\S*$/);
  return trimmed(text, sentence.start, sentence.start + (lastSpace > 0 ? lastSpace : max));
}

/**
 * A regular expression matching any of `forms` as whole words (not inside a longer word),
 * longest first, ignoring case: the caller checks case where it matters.
 */
export function phraseRegExp(forms: Iterable<string>): RegExp | null {
  const unique = [...new Set([...forms].map((form) => form.trim()).filter((form) => form !== ''))].sort((a, b) => b.length - a.length);
  if (unique.length === 0) return null;
  const alternatives = unique.map((form) => escapeRegExp(form).replace(/\s+/g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}]|\\.[\\p{L}])`, 'giu');
}
