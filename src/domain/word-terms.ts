/** The words of a text as every store matches them (src/store/keys/word-terms.ts re-exports this for the stores). */
import MiniSearch from 'minisearch';
import { foldText } from './fold-text';

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** The terms MiniSearch indexes or searches for a text: its tokens, folded, without empty ones. */
export function wordTerms(text: string): string[] {
  return tokenize(text)
    .map((token) => foldText(token))
    .filter((term) => term !== '');
}
