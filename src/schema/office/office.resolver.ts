import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { certaintyOn, compareCandidates } from '../../domain/attestation';
import { compareTenuresByRecency } from '../../domain/fuzzy-date';
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
import { loadAttestation } from '../tenure/tenure-attestation';
import { HolderArgs, HoldersArgs } from './holder.args';
import { OfficeHolder, type OfficeHolderValue } from './office-holder.type';
import { listOffices } from './list-offices';
import { Office, OfficeConnection } from './office.type';
import { OfficesArgs } from './offices.args';
import { all, then, type PromiseOrValue } from '../../jsutils/promise-or-value';
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

  @FieldResolver(() => [OfficeHolder], {
    description:
      'Everyone who held or may have held the office on `asOf`, each with the tenure and how sure the sources make it: ATTESTED when the day lies within the tenure\'s attested span (`Tenure.attestedFrom`..`attestedUntil`), POSSIBLE when the sources do not exclude it (not before the earliest possible start, not after the latest possible end). Attested first, then by the latest attested day, then by tenure slug. A tenure with no stated end stays POSSIBLE on every later day: an open end means not stated, not still in office.',
  })
  @CalledDirectly()
  holders(@Root() office: OfficeEntity, @Ctx() context: Context, @Args(() => HoldersArgs) { asOf }: HoldersArgs): PromiseOrValue<OfficeHolderValue[]> {
    return then(this.tenures(office, context), (tenures) =>
      then(all(tenures.map((tenure) => loadAttestation(context, tenure))), (attestations) => {
        const candidates = tenures.flatMap((tenure, i) => {
          const attestation = attestations[i]!;
          const certainty = certaintyOn(tenure, attestation, asOf);
          return certainty === null ? [] : [{ tenure, attestation, certainty }];
        });
        candidates.sort(compareCandidates);
        return then(context.loaders.personById.loadMany(candidates.map((candidate) => candidate.tenure.person)), (people) =>
          candidates.flatMap((candidate, i) => {
            const person = people[i];
            if (person instanceof Error) throw person;
            return person ? [{ ...candidate, person }] : [];
          }),
        );
      }),
    );
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description:
      'Who held the office. With `asOf`, the first ATTESTED holder of `holders(asOf)` (the one whose attested span ends latest), null when nobody is attested on that day, even if someone possibly held it. Without it, the latest known holder: the person of a tenure with no stated end (the latest begun, if several), else of the latest begun; a claim about what the sources show, not that they hold it today. Null when the sources name none.',
  })
  @CalledDirectly()
  holder(@Root() office: OfficeEntity, @Ctx() context: Context, @Args(() => HolderArgs) { asOf }: HolderArgs): PromiseOrValue<Entity<'Person'> | null> {
    if (asOf != null) {
      return then(this.holders(office, context, { asOf }), (holders) => (holders[0]?.certainty === 'ATTESTED' ? holders[0].person : null));
    }
    return then(this.tenures(office, context), (tenures) => {
      const latest = [...tenures].sort(compareTenuresByRecency)[0];
      return latest ? context.loaders.personById.load(latest.person) : null;
    });
  }

  @FieldResolver(() => MeetingConnection, { description: 'Meetings in which a holder of this office took part in that capacity, filtered and paged.' })
  meetings(@Root() office: OfficeEntity, @Args(() => MeetingsArgs) args: MeetingsArgs, @Ctx() context: Context): PromiseOrValue<ConnectionValue<Entity<'Meeting'>>> {
    return listMeetings(context, args, [{ field: 'office', anyOf: [office.slug] }]);
  }
}
