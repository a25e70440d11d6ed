/**
 * Spans of a report's text: sentences, and the verbatim quotes that cite what a draft
 * proposes. Offsets are UTF-16 code units of the text as given (JavaScript string
 * indices: `text.slice(start, end)` is the quote), the same for the CLI and the API.
 *
 * A citation's quote must hold at least MIN_QUOTE_WORDS words and occur verbatim in the
 * text (the store's rule): a mention shorter than that ("Blinken") is cited with the
 * words around it, within its sentence.
 */
import { MIN_QUOTE_WORDS, wordCount } from '../store/contract/validate';

/** Where a text names something: offsets in UTF-16 code units. */
export interface Mention {
  start: number;
  end: number;
}

/** A stretch of the text: `quote` is `text.slice(start, end)`. */
export interface TextSpan {
  start: number;
  end: number;
  quote: string;
}

/** The span of `text` from `start` to `end`. */
export function span(text: string, start: number, end: number): TextSpan {
  return { start, end, quote: text.slice(start, end) };
}

/** Words that end with a full stop without ending a sentence ("U.S.", "Mr.", "D.C."). */
const ABBREVIATIONS = new Set(['u.s', 'u.k', 'u.n', 'e.u', 'mr', 'mrs', 'ms', 'dr', 'st', 'gen', 'sen', 'rep', 'jr', 'sr', 'd.c', 'lt', 'col', 'amb', 'no', 'vs', 'e.g', 'i.e', 'jan', 'feb', 'aug', 'sept', 'sep', 'oct', 'nov', 'dec', 'prof', 'gov', 'pres', 'min', 'dept', 'co', 'inc', 'ltd']);

/**
 * The sentences of `text`, trimmed: split at a full stop, question or exclamation mark
 * followed by white space (not after an abbreviation or an initial), and at blank lines
 * and line breaks (a title line, a dateline).
 */
export function sentences(text: string): TextSpan[] {
  const found: TextSpan[] = [];
  const push = (start: number, end: number) => {
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) found.push(span(text, start, end));
  };
  let start = 0;
  const boundary = /([.!?])(["”’)\]]*)(\s+)|\n/g;
  for (let match = boundary.exec(text); match !== null; match = boundary.exec(text)) {
    if (match[0] === '\n') {
      push(start, match.index);
      start = match.index + 1;
      continue;
    }
    const stop = match.index + match[1]!.length + match[2]!.length;
    if (match[1] === '.' && match[2] === '' && !match[3]!.includes('\n')) {
      const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, match.index - 12), match.index))?.[1] ?? '';
      const lower = word.toLowerCase().replace(/^\.+/, '');
      if (ABBREVIATIONS.has(lower) || /^\p{Lu}$/u.test(word)) continue;
      // A lower-case word next: not a sentence's start.
      if (/^\p{Ll}/u.test(text.slice(match.index + match[0].length, match.index + match[0].length + 1))) continue;
    }
    push(start, stop);
    start = match.index + match[0].length;
    if (match[3]!.includes('\n')) boundary.lastIndex = start;
  }
  push(start, text.length);
  return found;
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

/** The span without white space at either end (the store's quotes are trimmed). */
export function trimmed(text: string, start: number, end: number): TextSpan {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return span(text, start, end);
}

/** A quote of the store's maximum length or less: the sentence cut at a word end (quotes are at most 2,000 characters). */
export function boundedQuote(text: string, sentence: TextSpan, max = 2000): TextSpan {
  if (sentence.end - sentence.start <= max) return sentence;
  const cut = text.slice(sentence.start, sentence.start + max);
  const lastSpace = cut.search(/\s\S*$/);
  return trimmed(text, sentence.start, sentence.start + (lastSpace > 0 ? lastSpace : max));
}

/** Escapes `value` for a regular expression. */
export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
