import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { Entity } from '../../store/contract/store';
import { checkSlug } from '../common/filter-values';
import { Organization } from '../organization/organization.type';
import { Place } from '../place/place.type';
import type { ConnectionValue } from '../relay/connection.type';
import { loadExisting } from '../relay/load-all';
import { listSources } from './list-sources';
import { Source, SourceConnection } from './source.type';
import { SourcesArgs } from './sources.args';
import type { PromiseOrValue } from '../../jsutils/promise-or-value';
import { CalledDirectly } from '../direct-resolvers';

type SourceEntity = Entity<'Source'>;

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => Source, { nullable: true, description: 'A source by slug; null when none has it.' })
  source(@Arg('slug', { description: "The source's slug." }) slug: string, @Ctx() { loaders }: Context): PromiseOrValue<SourceEntity | null> {
    return loaders.sourceById.load(checkSlug(slug, 'slug'));
  }

  @Query(() => SourceConnection, { description: 'All sources, filtered and paged; newest first by default.' })
  sources(@Args(() => SourcesArgs) args: SourcesArgs, @Ctx() context: Context): PromiseOrValue<ConnectionValue<SourceEntity>> {
    return listSources(context, args);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Who published it: the news outlet or the ministry.' })
  @CalledDirectly()
  publisher(@Root() source: SourceEntity, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Organization'> | null> | null {
    return source.publisher === null ? null : loaders.organizationById.load(source.publisher);
  }

  @FieldResolver(() => Place, { nullable: true, description: 'The place in its dateline, e.g. Moscow for "MOSCOW (UrduPoint News / Sputnik ...)".' })
  @CalledDirectly()
  dateline(@Root() source: SourceEntity, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Place'> | null> | null {
    return source.dateline === null ? null : loaders.placeById.load(source.dateline);
  }

  @FieldResolver(() => [Source], { description: 'The sources it relies on, e.g. the ministry statement a news article reports.' })
  @CalledDirectly()
  cites(@Root() source: SourceEntity, @Ctx() { loaders }: Context): PromiseOrValue<SourceEntity[]> {
    return loadExisting(loaders.sourceById, source.cites);
  }
}
