/**
 * Finding words in a report's text: where typed words occur, and the sentence that holds a
 * span (what an added item is cited by). Pure: no DOM.
 */

/** A stretch of the text: `quote` is the text from `start` to `end`. */
export interface Span {
  start: number;
  end: number;
  quote: string;
}

/** The first place the words occur in the text (exactly, else ignoring case; any white space between them), as a span; null when they do not. */
export function findWords(text: string, words: string): Span | null {
  const wanted = words.trim().replace(/\s+/g, ' ');
  if (wanted === '') return null;
  const pattern = new RegExp(wanted.split(' ').map(escapeRegExp).join('\\s+'));
  const match = pattern.exec(text) ?? new RegExp(pattern.source, 'i').exec(text);
  return match ? { start: match.index, end: match.index + match[0].length, quote: match[0] } : null;
}

/**
 * The sentence of `text` that holds `span` (from the end of the sentence before it to its
 * own full stop, or the line's ends): a quote long enough to cite, as a citation needs a
 * few words, not a bare name.
 */
export function sentenceAround(text: string, span: Span): Span {
  let start = span.start;
  while (start > 0 && text[start - 1] !== '\n' && !(/\s/.test(text[start - 1]!) && /[.!?]/.test(text[start - 2] ?? ''))) start--;
  let end = span.end;
  while (end < text.length && text[end] !== '\n') {
    const stop = /[.!?]/.test(text[end]!) && (end + 1 === text.length || /\s/.test(text[end + 1]!));
    end++;
    if (stop) break;
  }
  return trimmed(text, start, end)!;
}

/** The span from `start` to `end` without white space at its ends; null when nothing is left. */
export function trimmed(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return start < end ? { start, end, quote: text.slice(start, end) } : null;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
