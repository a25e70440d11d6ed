/**
 * Spans of a text: stretches given by offsets in UTF-16 code units (JavaScript string
 * indices: `text.slice(start, end)` is the quote), the text's sentences, and trimming.
 * Pure and without dependencies: drafting (src/draft) and the review page
 * (web/explorer/review) cut sentences alike, so a quote the page adds is one a draft
 * would have cited.
 */

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

/** The span without white space at either end (the store's quotes are trimmed). */
export function trimmed(text: string, start: number, end: number): TextSpan {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return span(text, start, end);
}

/** Escapes `value` for a regular expression. */
export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
