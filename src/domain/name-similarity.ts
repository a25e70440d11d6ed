/**
 * How alike two names are, across spellings and scripts: "Mukhtar Tleuberdi" and
 * "Mukhtar Tileuberdi", "Eliot Kang" and "Elliot Kang", "Токаев" and "Tokayev".
 *
 * Both names are transliterated to Latin (the `transliteration` package: "Токаев" →
 * "Tokaev"), folded (accents and case: fold-text.ts) and cut into words; each word of one
 * name is paired with its most similar word of the other (so word order does not count:
 * "Kang, Eliot" is "Eliot Kang"), words compared by Jaro-Winkler similarity (the
 * `string-comparison` package), the measure made for personal names in census record
 * linkage. The score is
 * the pairs' similarity weighted by the letters of the words they pair; a word without a
 * partner counts 0, so an added or a missing word ("Mallory Stuart Hall" for "Mallory
 * Stewart") weighs on the score by its length. A name contained in a longer one (a surname
 * alone: "Tokayev", "Токаев" for "Kassym-Jomart Tokayev") is still a near match, unless
 * the caller compares whole names only (`partial: false`).
 *
 * Scores: 1 exactly when the names are equal once folded (`isExactName`: the import reuses
 * such a record as it always has); any other pair scores below 1, even names that are
 * equal once transliterated ("Токаев" and "Tokaev"), which are the same name in another
 * script, not the same string. At or above NEAR_MATCH_SCORE two different names are a near
 * match: an import must not merge them nor add a second record silently.
 */
import stringComparison from 'string-comparison';
import { transliterate } from 'transliteration';
import { foldText } from './fold-text';

/** The score of two names that are equal once folded (case, accents, runs of white space). */
export const EXACT_NAME_SCORE = 1;

/**
 * The score at or above which two different names are a near match, to be settled by the
 * bundle (`sameAs` or `distinctFrom`) rather than merged or duplicated silently. Set in
 * the gap between the calibration cases of tests/domain/name-similarity.test.ts: variants
 * of one name score 0.89 and above ("Токаев" / "Kassym-Jomart Tokayev" 0.894,
 * "Касым-Жомарт Токаев" / "Kassym-Jomart Tokayev" 0.925, "Mukhtar Tleuberdi" / "Mukhtar
 * Tileuberdi" 0.983), different names 0.865 and below ("Mallory Stewart" / "Mallory
 * Stuart Hall" 0.865: another spelling and another word, "Antony Blinken" / "Anthony
 * Albanese" 0.774, "Kyrgyzstan" / "Kazakhstan" 0.760).
 */
export const NEAR_MATCH_SCORE = 0.88;

/** The highest score of two names that are not equal once folded. */
const BELOW_EXACT = 0.99;

const { jaroWinkler } = stringComparison;

/** Apostrophes and the letters transliteration writes for the hard and soft signs ("Қ" → "K'"): not word breaks. */
const APOSTROPHES = /['’ʼʹʺ`"]/g;

/** A name folded for exact comparison: accents and case folded, white space collapsed. */
export function foldName(name: string): string {
  return foldText(name).trim().replace(/\s+/g, ' ');
}

/** Whether two names are the same once folded: the exact match that an import reuses. */
export function isExactName(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}

/**
 * The words of names already cut, by name: an import compares each of its names with every
 * stored one, so a stored name is transliterated once, not once per comparison. Bounded:
 * emptied when full.
 */
const WORDS_OF = new Map<string, readonly string[]>();
const WORDS_OF_MAX = 200_000;

/** The words of a name in folded Latin letters: "Касым-Жомарт Токаев" → ["kasym", "zhomart", "tokaev"]. */
export function latinWords(name: string): readonly string[] {
  let words = WORDS_OF.get(name);
  if (words === undefined) {
    const latin = foldText(transliterate(name.normalize('NFC'))).replace(APOSTROPHES, '');
    words = latin.match(/[a-z0-9]+/g) ?? [];
    if (WORDS_OF.size >= WORDS_OF_MAX) WORDS_OF.clear();
    WORDS_OF.set(name, words);
  }
  return words;
}

/** A letter of another script than Latin. */
const NON_LATIN_LETTER = /(?!\p{Script=Latin})\p{L}/u;

/** Whether the text holds a letter of another script than Latin ("Токаев", "Tokayev Токаев"), so its transliteration says more. */
export function hasNonLatinLetters(text: string): boolean {
  return NON_LATIN_LETTER.test(text);
}

/** The name in folded Latin letters, its words joined by single spaces ("" when it has none). */
export function latinName(name: string): string {
  return latinWords(name).join(' ');
}

/** How names are compared. */
export interface NameSimilarityOptions {
  /**
   * Whether a name contained in a longer one ("Tokayev" in "Kassym-Jomart Tokayev") is a
   * near match (default true: people are often named by surname alone). False compares
   * whole names only, for names where the shorter one is another thing: the topic
   * "security" is not "regional security".
   */
  partial?: boolean;
}

/**
 * How alike two names are, in [0, 1]: 1 when they are equal once folded, below 1
 * otherwise; at or above NEAR_MATCH_SCORE a near match. Symmetric.
 */
export function nameSimilarity(a: string, b: string, options: NameSimilarityOptions = {}): number {
  if (isExactName(a, b)) return EXACT_NAME_SCORE;
  const score = wordsSimilarity(latinWords(a), latinWords(b), options.partial ?? true);
  return Math.min(BELOW_EXACT, score);
}

/**
 * The most a name whose every word matches a word of a longer name ("Tokayev" in
 * "Kassym-Jomart Tokayev", a name without its middle name) scores: a near match, so that
 * the import asks rather than adds a second person named by surname alone, but below
 * variants of the whole name.
 */
const CONTAINED_NAME_WEIGHT = 0.92;

/**
 * The words paired greedily, most similar pair first, each word at most once. The score
 * is the larger of the pairs' similarity weighted by the letters of both names (a word
 * without a partner counts 0), and CONTAINED_NAME_WEIGHT times the same weighted by the
 * letters of one name only (how well the shorter name is contained in the longer), unless
 * `partial` is false.
 */
function wordsSimilarity(a: readonly string[], b: readonly string[], partial: boolean): number {
  const lettersOf = (words: readonly string[]) => words.reduce((sum, word) => sum + word.length, 0);
  const lettersA = lettersOf(a);
  const lettersB = lettersOf(b);
  if (lettersA === 0 || lettersB === 0) return 0;
  const pairs: { i: number; j: number; score: number }[] = [];
  a.forEach((x, i) => b.forEach((y, j) => pairs.push({ i, j, score: x === y ? 1 : jaroWinkler.similarity(x, y) })));
  // Ties keep the words' order, so the pairing (and the score) does not depend on the sort's stability.
  pairs.sort((p, q) => q.score - p.score || p.i - q.i || p.j - q.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let matchedA = 0;
  let matchedB = 0;
  for (const { i, j, score } of pairs) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    matchedA += score * a[i]!.length;
    matchedB += score * b[j]!.length;
  }
  const both = (matchedA + matchedB) / (lettersA + lettersB);
  if (!partial) return both;
  const contained = CONTAINED_NAME_WEIGHT * Math.max(matchedA / lettersA, matchedB / lettersB);
  return Math.max(both, contained);
}

/** The best-scoring name of a candidate record for a name. */
export interface NameMatch {
  /** The candidate's name that scored best. */
  name: string;
  /** Its score against the name looked for (nameSimilarity). */
  score: number;
}

/** The names a record answers to: its name, its aliases and the values of its names in other languages. */
export interface NamedCandidate {
  name: string;
  aliases?: readonly string[];
  names?: readonly { value: string }[];
}

/**
 * The best match of `name` among a record's names (its name, aliases and `names[].value`),
 * or null when it has none; the first of equal scores wins, the name before its aliases.
 */
export function bestNameMatch(name: string, candidate: NamedCandidate, options: NameSimilarityOptions = {}): NameMatch | null {
  let best: NameMatch | null = null;
  for (const value of [candidate.name, ...(candidate.aliases ?? []), ...(candidate.names ?? []).map((n) => n.value)]) {
    const score = nameSimilarity(name, value, options);
    if (best === null || score > best.score) best = { name: value, score };
    if (score === EXACT_NAME_SCORE) break;
  }
  return best;
}
