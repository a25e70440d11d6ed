/**
 * Person names in a text as the NLP library recognizes them: `compromise` (MIT, offline;
 * its English lexicon of first names, last names, honorifics and titles ships inside the
 * package: nothing is downloaded), chosen over wink-nlp and plain rules by the figures of
 * docs/drafting.md. Spans of the text, before `recognize.ts` cleans them (titles, places)
 * and gives them their offices.
 *
 * The library tags a title word before a name as part of it ("Resources Richard Verma"):
 * a span starts at its first word tagged as a first name when it has one, and takes in the
 * first half of a hyphenated name it split ("Kassym-" of "Kassym-Zhomart").
 */
import nlp from 'compromise';
import type { Mention } from './text-spans';

/** Finds the spans of person names in a text. */
export type PersonNameFinder = (text: string) => Mention[];

interface CompromiseTerm {
  text: string;
  tags: string[];
  offset: { start: number; length: number };
}

/** Spans of the text that compromise tags as people's names. */
export const findPersonNames: PersonNameFinder = (text) => {
  const found: Mention[] = [];
  for (const chunk of chunks(text)) found.push(...namesIn(text, chunk));
  return found;
};

/**
 * The text in pieces of at most CHUNK characters, cut at line ends, else at sentence ends,
 * else at white space: the library's work grows faster than the length of what it reads at
 * once (200 KB without a full stop took half a minute whole, and under 2 s in pieces).
 */
const CHUNK = 2_000;
function* chunks(text: string): Generator<{ start: number; end: number }> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK);
    if (end < text.length) {
      const window = text.slice(start, end);
      const cut = Math.max(window.lastIndexOf('\n'), window.search(/[.!?]\s+(?=[^.!?]*$)/) + 1);
      const space = window.search(/\s(?=\S*$)/);
      end = start + (cut > CHUNK / 4 ? cut : space > 0 ? space : window.length);
    }
    yield { start, end };
    start = end;
  }
}

function namesIn(text: string, chunk: { start: number; end: number }): Mention[] {
  const found: Mention[] = [];
  const people = nlp(text.slice(chunk.start, chunk.end)).people().json({ offset: true, terms: { offset: true } }) as { terms: CompromiseTerm[] }[];
  for (const person of people) {
    const terms = person.terms;
    const first = terms.findIndex((term) => term.tags.includes('FirstName'));
    const kept = first > 0 ? terms.slice(first) : terms;
    if (kept.length === 0) continue;
    let start = chunk.start + kept[0]!.offset.start;
    const last = kept.at(-1)!;
    const end = chunk.start + last.offset.start + last.offset.length;
    const hyphenated = /\p{Lu}[\p{L}\p{M}]*-$/u.exec(text.slice(Math.max(0, start - 30), start));
    if (hyphenated !== null) start -= hyphenated[0].length;
    found.push({ start, end });
  }
  return found;
}

/** Runs of two to four capitalized words: the baseline the libraries are compared with (docs/drafting.md). */
export const capitalizedRuns: PersonNameFinder = (text) => {
  const found: Mention[] = [];
  const pattern = /(?<![\p{L}\p{N}])(?:\p{Lu}\.\s+)?\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{Lu}?[\p{Ll}\p{M}]+)*(?:\s+\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{Lu}?[\p{Ll}\p{M}]+)*){1,3}/gu;
  for (const match of text.matchAll(pattern)) found.push({ start: match.index, end: match.index + match[0].length });
  return found;
};
