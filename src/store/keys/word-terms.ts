/**
 * The words of a text, as every store matches them: MiniSearch's tokens, folded (case and
 * accents ignored). The memory engine's word index and the PostgreSQL store's word vectors
 * are both made of these terms, and text filters match a query's terms as word prefixes.
 */
import { wordTerms } from '../../domain/word-terms';

// Defined in domain/ so the search resolver bounds a query by the same words the stores search.
export { wordTerms };

/**
 * The shortest search word (`search`) matched as a prefix of longer words: a shorter one
 * matches only whole words. A one-letter prefix would match most of the index, once per
 * word of the query.
 */
export const MIN_PREFIX_LENGTH = 2;

/**
 * Whether a text holds every query term as a word prefix: the test MiniSearch's prefix
 * AND search applies, for checking a few candidates without searching the whole index.
 */
export function hasWordPrefixes(text: string, queryTerms: readonly string[]): boolean {
  if (queryTerms.length === 0) return false;
  const terms = wordTerms(text);
  return queryTerms.every((query) => terms.some((term) => term.startsWith(query)));
}
