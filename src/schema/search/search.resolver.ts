import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import type { Entity } from '../../store/contract/store';
import { MAX_PAGE_SIZE } from '../relay/connection.args';
import { Node } from '../relay/node.type';
import { checkCount } from '../relay/resolve-connection';

@Resolver()
export class SearchResolver {
  @Query(() => [Node], {
    description:
      'Entities whose names, aliases or titles match the words of `query`, best match first: a whole-name match, then names beginning with the query, then by relevance. Case- and accent-insensitive; each word also matches as a prefix and with a small typo.',
  })
  async search(
    @Arg('query', { description: 'Words to look for, e.g. "nuland" or "c5+1".' }) query: string,
    @Ctx() { loaders }: Context,
    @Arg('first', () => Int, { defaultValue: 10, description: `How many results at most (0 to ${MAX_PAGE_SIZE}).` }) first: number,
  ): Promise<Entity[]> {
    const limit = checkCount(first, 'first')!;
    if (query.length > 200) throw new BadUserInputError(`"query" must be at most 200 characters; got ${query.length}.`, 'query');
    if (query.trim() === '' || limit === 0) return [];
    const hits = await loaders.searchHits.load({ query, limit });
    return hits.map((hit) => hit.entity);
  }
}
