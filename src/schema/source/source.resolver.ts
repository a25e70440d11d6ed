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
import { Cost, ONE_MIB_FIELD_COST } from '../../limits/field-cost';
import { ConnectionArgs } from '../relay/connection.args';
import { listSourceCitations, type SourceCitationValue } from './list-source-citations';
import { SourceCitation, SourceCitationConnection } from './source-citation.type';

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

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The full text as held (at most 1 MiB of UTF-8), which every quote citing the source is found in verbatim; null when its text is not held (e.g. an official statement known only through the articles quoting it).',
  })
  @CalledDirectly()
  @Cost(ONE_MIB_FIELD_COST)
  text(@Root() source: SourceEntity, @Ctx() { loaders }: Context): PromiseOrValue<string | null> | null {
    return source.textFile === null ? null : loaders.sourceTextBySlug.load(source.slug);
  }

  @FieldResolver(() => SourceCitationConnection, {
    description:
      'What the source supports: every citation that quotes it, with the entity citing it. Listed by entity type (meetings, people, offices, tenures, organizations), then entity slug, then place in the record. A source quoted only through another (`attributedTo`) is not listed here.',
  })
  citations(@Root() source: SourceEntity, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): PromiseOrValue<ConnectionValue<SourceCitationValue>> {
    return listSourceCitations(context, source.slug, args);
  }
}

@Resolver(() => SourceCitation)
export class SourceCitationResolver {
  @FieldResolver(() => Source, { nullable: true })
  @CalledDirectly()
  attributedTo(@Root() value: SourceCitationValue, @Ctx() { loaders }: Context): PromiseOrValue<SourceEntity | null> | null {
    return value.citation.attributedTo === undefined ? null : loaders.sourceById.load(value.citation.attributedTo);
  }
}
