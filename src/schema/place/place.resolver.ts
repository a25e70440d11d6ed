import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { CitationRecord } from '../../store/contract/records';
import type { Entity } from '../../store/contract/store';
import { Citation } from '../common/citation.type';
import { checkSlug } from '../common/filter-values';
import { Country } from '../country/country.type';
import { listMeetings } from '../meeting/list-meetings';
import { MeetingConnection } from '../meeting/meeting.type';
import { MeetingsArgs } from '../meeting/meetings.args';
import type { ConnectionValue } from '../relay/connection.type';
import { listPlaces } from './list-places';
import { Place, PlaceConnection } from './place.type';
import { PlacesArgs } from './places.args';
import type { PromiseOrValue } from '../../jsutils/promise-or-value';
import { CalledDirectly } from '../direct-resolvers';
import { Name, NAMES_DESCRIPTION, listedNames } from '../common/name.type';

type PlaceEntity = Entity<'Place'>;

@Resolver(() => Place)
export class PlaceResolver {
  @Query(() => Place, { nullable: true, description: 'A place by slug, e.g. "astana"; null when none has it.' })
  place(@Arg('slug', { description: "The place's slug." }) slug: string, @Ctx() { loaders }: Context): PromiseOrValue<PlaceEntity | null> {
    return loaders.placeById.load(checkSlug(slug, 'slug'));
  }

  @Query(() => PlaceConnection, { description: 'All places, filtered and paged.' })
  places(@Args(() => PlacesArgs) args: PlacesArgs, @Ctx() context: Context): PromiseOrValue<ConnectionValue<PlaceEntity>> {
    return listPlaces(context, args);
  }

  @FieldResolver(() => [Name], { description: NAMES_DESCRIPTION })
  @CalledDirectly()
  names(@Root() place: PlaceEntity): Name[] {
    return listedNames(place);
  }

  @FieldResolver(() => Country, { description: 'The country it lies in.' })
  @CalledDirectly()
  country(@Root() place: PlaceEntity, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Country'> | null> {
    return loaders.countryById.load(place.country);
  }

  @FieldResolver(() => [Citation], {
    description:
      'Where the country it lies in and its coordinates are stated: for a capital, the line of a reference dataset (a Source of kind REFERENCE_DATASET) naming it the capital of its country; for a capital or a seat of a first-order division, the GeoNames-derived dataset\'s line giving its GeoNames id and coordinates. Empty when none is cited.',
  })
  @CalledDirectly()
  citations(@Root() place: PlaceEntity): CitationRecord[] {
    return place.citations ?? [];
  }

  @FieldResolver(() => MeetingConnection, { description: 'Meetings held here, filtered and paged; newest first by default.' })
  meetings(@Root() place: PlaceEntity, @Args(() => MeetingsArgs) args: MeetingsArgs, @Ctx() context: Context): PromiseOrValue<ConnectionValue<Entity<'Meeting'>>> {
    return listMeetings(context, args, [{ field: 'location', anyOf: [place.slug] }]);
  }
}
