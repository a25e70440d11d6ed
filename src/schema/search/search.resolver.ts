import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import type { Entity } from '../../store/contract/store';
import { MAX_PAGE_SIZE } from '../relay/connection.args';
import { Node } from '../relay/node.type';
import { checkCount } from '../relay/resolve-connection';
import { wordTerms } from '../../domain/word-terms';
import { hasNonLatinLetters, latinWords } from '../../domain/name-similarity';

/** The most distinct words one search may hold: each word is a prefix and typo search of its own, on both stores. */
export const MAX_SEARCH_TERMS = 10;

@Resolver()
export class SearchResolver {
  @Query(() => [Node], {
    description:
      'Entities whose names (in every language and script: `names`), aliases or titles match the words of `query`, best match first: a whole-name match, then names beginning with the query, then by relevance. Case- and accent-insensitive; each word of two or more letters also matches as a prefix of a longer word, and a longer word with a small typo. Names in another script than Latin also match in Latin transliteration ("Tokaev" finds a record named "Токаев"), and a query in another script is also looked for transliterated, those hits after its own ("Блинкен" finds "Antony Blinken"). At most 10 different words.',
  })
  async search(
    @Arg('query', { description: 'Words to look for, e.g. "nuland" or "c5+1".' }) query: string,
    @Ctx() { loaders }: Context,
    @Arg('first', () => Int, { defaultValue: 10, description: `How many results at most (0 to ${MAX_PAGE_SIZE}).` }) first: number,
  ): Promise<Entity[]> {
    const limit = checkCount(first, 'first')!;
    if (query.length > 200) throw new BadUserInputError(`"query" must be at most 200 characters; got ${query.length}.`, 'query');
    if (query.trim() === '' || limit === 0) return [];
    const terms = boundedTerms(query);
    const latin = latinQuery(terms);
    const [hits, latinHits] = await Promise.all([loaders.searchHits.load({ query: terms, limit }), latin === '' ? [] : loaders.searchHits.load({ query: latin, limit })]);
    const found = hits.map((hit) => hit.entity);
    for (const { entity } of latinHits) {
      if (found.length >= limit) break;
      if (!found.some((other) => other.__typename === entity.__typename && other.slug === entity.slug)) found.push(entity);
    }
    return found;
  }
}

/**
 * `query` with each word once (both stores search every word, repeats included), or
 * BAD_USER_INPUT when it holds more than MAX_SEARCH_TERMS distinct words.
 */
function boundedTerms(query: string): string {
  const terms = wordTerms(query);
  const distinct = new Set(terms);
  if (distinct.size > MAX_SEARCH_TERMS) {
    throw new BadUserInputError(`"query" may hold at most ${MAX_SEARCH_TERMS} different words; got ${distinct.size}.`, 'query');
  }
  // Untouched unless it repeats a word: the stores tokenize (and rank) the text themselves.
  return distinct.size === terms.length ? query : [...distinct].join(' ');
}

/**
 * A query in another script, in Latin letters ("Токаев" as "tokaev"), to be looked for
 * too; "" when the query is Latin already, or when transliterated it would hold more than
 * MAX_SEARCH_TERMS different words (a Chinese query transliterates to a word per character).
 */
function latinQuery(terms: string): string {
  if (!hasNonLatinLetters(terms)) return '';
  const words = new Set(latinWords(terms));
  return words.size <= MAX_SEARCH_TERMS ? [...words].join(' ') : '';
}
