import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import type { CitationRecord } from '../../store/contract/records';
import type { Entity } from '../../store/contract/store';
import { Citation } from '../common/citation.type';
import { checkSlug } from '../common/filter-values';
import { listMeetings } from '../meeting/list-meetings';
import { MeetingConnection } from '../meeting/meeting.type';
import { MeetingsArgs } from '../meeting/meetings.args';
import { listOrganizations } from '../organization/list-organizations';
import { OrganizationConnection } from '../organization/organization.type';
import { OrganizationsArgs } from '../organization/organizations.args';
import { listPeople } from '../person/list-people';
import { PeopleArgs } from '../person/people.args';
import { PersonConnection } from '../person/person.type';
import { Place } from '../place/place.type';
import type { ConnectionValue } from '../relay/connection.type';
import { CountriesArgs } from './countries.args';
import { Country, CountryConnection } from './country.type';
import { listCountries } from './list-countries';
import type { PromiseOrValue } from '../../jsutils/promise-or-value';
import { CalledDirectly } from '../direct-resolvers';
import { Name, NAMES_DESCRIPTION, listedNames } from '../common/name.type';

type CountryEntity = Entity<'Country'>;

@Resolver(() => Country)
export class CountryResolver {
  @Query(() => Country, {
    nullable: true,
    description: 'A country by slug ("kazakhstan") or by ISO 3166-1 alpha-2 code ("KZ"): give exactly one. Null when none matches.',
  })
  country(
    @Ctx() { loaders }: Context,
    @Arg('slug', () => String, { nullable: true, description: "The country's slug." }) slug?: string | null,
    @Arg('isoCode', () => String, { nullable: true, description: "The country's ISO 3166-1 alpha-2 code, e.g. \"KZ\" (any case)." }) isoCode?: string | null,
  ): PromiseOrValue<CountryEntity | null> {
    if ((slug == null) === (isoCode == null)) throw new BadUserInputError('Give exactly one of "slug" and "isoCode".', slug == null ? 'slug' : 'isoCode');
    if (slug != null) return loaders.countryById.load(checkSlug(slug, 'slug'));
    if (!/^[A-Za-z]{2}$/.test(isoCode!)) throw new BadUserInputError(`"isoCode" must be two letters, e.g. "KZ"; got ${JSON.stringify(isoCode!.slice(0, 50))}.`, 'isoCode');
    return loaders.countryByIsoCode.load(isoCode!.toUpperCase());
  }

  @Query(() => CountryConnection, { description: 'All countries, filtered and paged.' })
  countries(@Args(() => CountriesArgs) args: CountriesArgs, @Ctx() context: Context): PromiseOrValue<ConnectionValue<CountryEntity>> {
    return listCountries(context, args);
  }

  @FieldResolver(() => [Name], { description: NAMES_DESCRIPTION })
  @CalledDirectly()
  names(@Root() country: CountryEntity): Name[] {
    return listedNames(country);
  }

  @FieldResolver(() => Place, { nullable: true, description: 'The capital city.' })
  @CalledDirectly()
  capital(@Root() country: CountryEntity, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Place'> | null> | null {
    return country.capital === null ? null : loaders.placeById.load(country.capital);
  }

  @FieldResolver(() => [Citation], {
    description: 'Where its ISO codes, name and capital are stated: the line of a reference dataset (a Source of kind REFERENCE_DATASET, countries-list) for its ISO code, then the line of the dataset of its names in other languages (i18n-iso-countries). Empty when none is cited.',
  })
  @CalledDirectly()
  citations(@Root() country: CountryEntity): CitationRecord[] {
    return country.citations ?? [];
  }

  @FieldResolver(() => PersonConnection, { description: 'People of this country, filtered and paged.' })
  people(@Root() country: CountryEntity, @Args(() => PeopleArgs) args: PeopleArgs, @Ctx() context: Context): PromiseOrValue<ConnectionValue<Entity<'Person'>>> {
    return listPeople(context, args, [{ field: 'country', anyOf: [country.slug] }]);
  }

  @FieldResolver(() => OrganizationConnection, { description: 'Organizations of this country, filtered and paged.' })
  organizations(@Root() country: CountryEntity, @Args(() => OrganizationsArgs) args: OrganizationsArgs, @Ctx() context: Context): PromiseOrValue<ConnectionValue<Entity<'Organization'>>> {
    return listOrganizations(context, args, [{ field: 'country', anyOf: [country.slug] }]);
  }

  @FieldResolver(() => MeetingConnection, { description: 'Meetings involving this country, filtered and paged; newest first by default.' })
  meetings(@Root() country: CountryEntity, @Args(() => MeetingsArgs) args: MeetingsArgs, @Ctx() context: Context): PromiseOrValue<ConnectionValue<Entity<'Meeting'>>> {
    return listMeetings(context, args, [{ field: 'country', anyOf: [country.slug] }]);
  }
}
