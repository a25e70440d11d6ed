/**
 * Finding words in a report's text: where typed words occur, and the sentence that holds a
 * span (what an added item is cited by), with the sentences drafting cuts
 * (src/domain/text-spans.ts). Pure: no DOM.
 */
import { escapeRegExp, sentences, trimmed, type TextSpan } from '../../../src/domain/text-spans';

/** A stretch of the text: `quote` is the text from `start` to `end`. */
export type Span = TextSpan;

/** The first place the words occur in the text (exactly, else ignoring case; any white space between them), as a span; null when they do not. */
export function findWords(text: string, words: string): Span | null {
  const wanted = words.trim().replace(/\s+/g, ' ');
  if (wanted === '') return null;
  const pattern = new RegExp(wanted.split(' ').map(escapeRegExp).join('\\s+'));
  const match = pattern.exec(text) ?? new RegExp(pattern.source, 'i').exec(text);
  return match ? { start: match.index, end: match.index + match[0].length, quote: match[0] } : null;
}

/**
 * The sentence of `text` that holds `span`: a quote long enough to cite, as a citation
 * needs a few words, not a bare name. The span itself when no sentence holds its start.
 */
export function sentenceAround(text: string, span: Span): Span {
  return sentences(text).find((sentence) => sentence.start <= span.start && span.start < sentence.end) ?? span;
}

/** The span from `start` to `end` without white space at its ends; null when nothing is left. */
export function trimmedOrNull(text: string, start: number, end: number): Span | null {
  const span = trimmed(text, start, end);
  return span.start < span.end ? span : null;
}
