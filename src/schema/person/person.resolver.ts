import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { certaintyOn } from '../../domain/attestation';
import type { Entity } from '../../store/contract/store';
import { DateScalar } from '../common/date.scalar';
import { checkSlug } from '../common/filter-values';
import { Country } from '../country/country.type';
import { listMeetings } from '../meeting/list-meetings';
import { MeetingConnection } from '../meeting/meeting.type';
import { MeetingsArgs } from '../meeting/meetings.args';
import { Office } from '../office/office.type';
import { loadAll, loadExisting } from '../relay/load-all';
import type { ConnectionValue } from '../relay/connection.type';
import { loadAttestation } from '../tenure/tenure-attestation';
import { Tenure } from '../tenure/tenure.type';
import { listPeople } from './list-people';
import { OfficesHeldArgs } from './offices-held.args';
import { PeopleArgs } from './people.args';
import { Person, PersonConnection } from './person.type';
import { all, then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import { CalledDirectly } from '../direct-resolvers';
import { Name, NAMES_DESCRIPTION, listedNames } from '../common/name.type';

type PersonEntity = Entity<'Person'>;

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: 'A person by slug, e.g. "kairat-umarov"; null when none has it.' })
  person(@Arg('slug', { description: "The person's slug." }) slug: string, @Ctx() { loaders }: Context): PromiseOrValue<PersonEntity | null> {
    return loaders.personById.load(checkSlug(slug, 'slug'));
  }

  @Query(() => PersonConnection, { description: 'All people, filtered and paged.' })
  people(@Args(() => PeopleArgs) args: PeopleArgs, @Ctx() context: Context): PromiseOrValue<ConnectionValue<PersonEntity>> {
    return listPeople(context, args);
  }

  @FieldResolver(() => [Name], { description: NAMES_DESCRIPTION })
  @CalledDirectly()
  names(@Root() person: PersonEntity): Name[] {
    return listedNames(person);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The state this person serves or belongs to; null when unknown.' })
  @CalledDirectly()
  country(@Root() person: PersonEntity, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Country'> | null> | null {
    return person.country === null ? null : loaders.countryById.load(person.country);
  }

  @FieldResolver(() => [Tenure], { description: 'Every office this person is known to have held, with dates, earliest first.' })
  @CalledDirectly()
  tenures(@Root() person: PersonEntity, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Tenure'>[]> {
    return loadAll(loaders.tenurePages, [{ field: 'person', anyOf: [person.slug] }], { field: 'START', direction: 'ASC' });
  }

  @FieldResolver(() => [Office], {
    description:
      'The offices this person held, in the order first held. With `asOf`, those whose tenure the sources attest on that day (it lies within `Tenure.attestedFrom`..`attestedUntil`, as for `Office.holder(asOf)`); without it, every office ever held.',
  })
  @CalledDirectly()
  offices(@Root() person: PersonEntity, @Ctx() context: Context, @Args(() => OfficesHeldArgs) { asOf }: OfficesHeldArgs): PromiseOrValue<Entity<'Office'>[]> {
    return then(this.tenures(person, context), (tenures) => {
      const attestations = asOf == null ? null : all(tenures.map((tenure) => loadAttestation(context, tenure)));
      return then(attestations, (attested) => {
        // Each office once, in the order first held (a person holds a few: a linear check beats a Set).
        const offices: string[] = [];
        tenures.forEach((tenure, i) => {
          const held = attested === null || certaintyOn(tenure, attested[i]!, asOf!) === 'ATTESTED';
          if (held && !offices.includes(tenure.office)) offices.push(tenure.office);
        });
        return loadExisting(context.loaders.officeById, offices);
      });
    });
  }

  @FieldResolver(() => MeetingConnection, { description: 'The meetings this person took part in, filtered and paged; newest first by default.' })
  meetings(@Root() person: PersonEntity, @Args(() => MeetingsArgs) args: MeetingsArgs, @Ctx() context: Context): PromiseOrValue<ConnectionValue<Entity<'Meeting'>>> {
    return listMeetings(context, args, [{ field: 'participant', anyOf: [person.slug] }]);
  }
}
