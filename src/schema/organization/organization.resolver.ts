import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { Entity } from '../../store/contract/store';
import { checkSlug } from '../common/filter-values';
import { Country } from '../country/country.type';
import { listMeetings } from '../meeting/list-meetings';
import { MeetingConnection } from '../meeting/meeting.type';
import { MeetingsArgs } from '../meeting/meetings.args';
import { listOffices } from '../office/list-offices';
import { OfficeConnection } from '../office/office.type';
import { OfficesArgs } from '../office/offices.args';
import type { ConnectionValue } from '../relay/connection.type';
import { loadAll, loadExisting } from '../relay/load-all';
import { listOrganizations } from './list-organizations';
import { Organization, OrganizationConnection } from './organization.type';
import { OrganizationsArgs } from './organizations.args';
import type { PromiseOrValue } from '../../jsutils/promise-or-value';
import { CalledDirectly } from '../direct-resolvers';
import { Name, NAMES_DESCRIPTION, listedNames } from '../common/name.type';

type OrganizationEntity = Entity<'Organization'>;

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: 'An organization by slug, e.g. "c5-plus-1"; null when none has it.' })
  organization(@Arg('slug', { description: "The organization's slug." }) slug: string, @Ctx() { loaders }: Context): PromiseOrValue<OrganizationEntity | null> {
    return loaders.organizationById.load(checkSlug(slug, 'slug'));
  }

  @Query(() => OrganizationConnection, { description: 'All organizations, filtered and paged.' })
  organizations(@Args(() => OrganizationsArgs) args: OrganizationsArgs, @Ctx() context: Context): PromiseOrValue<ConnectionValue<OrganizationEntity>> {
    return listOrganizations(context, args);
  }

  @FieldResolver(() => [Name], { description: NAMES_DESCRIPTION })
  @CalledDirectly()
  names(@Root() organization: OrganizationEntity): Name[] {
    return listedNames(organization);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The state it belongs to; null for international bodies, formats and outlets of unstated country.' })
  @CalledDirectly()
  country(@Root() organization: OrganizationEntity, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Country'> | null> | null {
    return organization.country === null ? null : loaders.countryById.load(organization.country);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The body it is part of, e.g. a ministry\'s government; null when none.' })
  @CalledDirectly()
  parent(@Root() organization: OrganizationEntity, @Ctx() { loaders }: Context): PromiseOrValue<OrganizationEntity | null> | null {
    return organization.parent === null ? null : loaders.organizationById.load(organization.parent);
  }

  @FieldResolver(() => [Organization], { description: 'The bodies that are part of it, by name.' })
  @CalledDirectly()
  children(@Root() organization: OrganizationEntity, @Ctx() { loaders }: Context): PromiseOrValue<OrganizationEntity[]> {
    return loadAll(loaders.organizationPages, [{ field: 'parent', anyOf: [organization.slug] }], { field: 'NAME', direction: 'ASC' });
  }

  @FieldResolver(() => OfficeConnection, { description: 'The offices of this organization, filtered and paged.' })
  offices(@Root() organization: OrganizationEntity, @Args(() => OfficesArgs) args: OfficesArgs, @Ctx() context: Context): PromiseOrValue<ConnectionValue<Entity<'Office'>>> {
    return listOffices(context, args, [{ field: 'organization', anyOf: [organization.slug] }]);
  }

  @FieldResolver(() => [Country], { description: 'For a diplomatic format or an international organization: its member states. Empty otherwise.' })
  @CalledDirectly()
  memberCountries(@Root() organization: OrganizationEntity, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Country'>[]> {
    return loadExisting(loaders.countryById, organization.memberCountries);
  }

  @FieldResolver(() => MeetingConnection, { description: 'Meetings held in this format or in which this organization took part, filtered and paged.' })
  meetings(@Root() organization: OrganizationEntity, @Args(() => MeetingsArgs) args: MeetingsArgs, @Ctx() context: Context): PromiseOrValue<ConnectionValue<Entity<'Meeting'>>> {
    return listMeetings(context, args, [{ field: 'organization', anyOf: [organization.slug] }]);
  }
}
