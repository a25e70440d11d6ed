import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { compareTenuresByRecency, tenureCovers } from '../../domain/fuzzy-date';
import type { Entity } from '../../store/contract/store';
import { DateScalar } from '../common/date.scalar';
import { checkSlug } from '../common/filter-values';
import { Country } from '../country/country.type';
import { listMeetings } from '../meeting/list-meetings';
import { MeetingConnection } from '../meeting/meeting.type';
import { MeetingsArgs } from '../meeting/meetings.args';
import { Organization } from '../organization/organization.type';
import { Person } from '../person/person.type';
import type { ConnectionValue } from '../relay/connection.type';
import { loadAll } from '../relay/load-all';
import { Tenure } from '../tenure/tenure.type';
import { HolderArgs } from './holder.args';
import { listOffices } from './list-offices';
import { Office, OfficeConnection } from './office.type';
import { OfficesArgs } from './offices.args';
import { then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import { CalledDirectly } from '../direct-resolvers';

type OfficeEntity = Entity<'Office'>;

@Resolver(() => Office)
export class OfficeResolver {
  @Query(() => Office, { nullable: true, description: 'An office by slug, e.g. "united-states-secretary-of-state"; null when none has it.' })
  office(@Arg('slug', { description: "The office's slug." }) slug: string, @Ctx() { loaders }: Context): PromiseOrValue<OfficeEntity | null> {
    return loaders.officeById.load(checkSlug(slug, 'slug'));
  }

  @Query(() => OfficeConnection, { description: 'All offices, filtered and paged.' })
  offices(@Args(() => OfficesArgs) args: OfficesArgs, @Ctx() context: Context): PromiseOrValue<ConnectionValue<OfficeEntity>> {
    return listOffices(context, args);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The body the office belongs to; null when the sources do not place it in one.' })
  @CalledDirectly()
  organization(@Root() office: OfficeEntity, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Organization'> | null> | null {
    return office.organization === null ? null : loaders.organizationById.load(office.organization);
  }

  @FieldResolver(() => Country, { description: 'The state whose office it is.' })
  @CalledDirectly()
  country(@Root() office: OfficeEntity, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Country'> | null> {
    return loaders.countryById.load(office.country);
  }

  @FieldResolver(() => [Tenure], { description: "Everyone known to have held the office, with dates, earliest first." })
  @CalledDirectly()
  tenures(@Root() office: OfficeEntity, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Tenure'>[]> {
    return loadAll(loaders.tenurePages, [{ field: 'office', anyOf: [office.slug] }], { field: 'START', direction: 'ASC' });
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description:
      'Who held the office. With `asOf`, the holder the sources show on that day (begun by then, not ended before); without it, the latest known holder. Null when the sources name none.',
  })
  @CalledDirectly()
  holder(@Root() office: OfficeEntity, @Ctx() context: Context, @Args(() => HolderArgs) { asOf }: HolderArgs): PromiseOrValue<Entity<'Person'> | null> {
    return then(this.tenures(office, context), (tenures) => {
      const candidates = (asOf == null ? tenures : tenures.filter((tenure) => tenureCovers(tenure, asOf))).sort(compareTenuresByRecency);
      return candidates[0] ? context.loaders.personById.load(candidates[0].person) : null;
    });
  }

  @FieldResolver(() => MeetingConnection, { description: 'Meetings in which a holder of this office took part in that capacity, filtered and paged.' })
  meetings(@Root() office: OfficeEntity, @Args(() => MeetingsArgs) args: MeetingsArgs, @Ctx() context: Context): PromiseOrValue<ConnectionValue<Entity<'Meeting'>>> {
    return listMeetings(context, args, [{ field: 'office', anyOf: [office.slug] }]);
  }
}
