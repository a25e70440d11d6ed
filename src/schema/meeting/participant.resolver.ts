import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { ParticipantRecord } from '../../store/contract/records';
import type { Entity } from '../../store/contract/store';
import { Country } from '../country/country.type';
import { Office } from '../office/office.type';
import { Organization } from '../organization/organization.type';
import { Person } from '../person/person.type';
import { Participant } from './participant.type';
import type { PromiseOrValue } from '../../jsutils/promise-or-value';
import { CalledDirectly } from '../direct-resolvers';
import { Conflict } from '../common/conflict.type';
import { conflictsOf, type ConflictValue } from '../common/conflicts';

@Resolver(() => Participant)
export class ParticipantResolver {
  @FieldResolver(() => Person, { nullable: true, description: 'The person; null when the source names only the office or organization.' })
  @CalledDirectly()
  person(@Root() participant: ParticipantRecord, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Person'> | null> | null {
    return participant.person === null ? null : loaders.personById.load(participant.person);
  }

  @FieldResolver(() => Office, { nullable: true, description: 'The office in which they took part; null when the source gives none.' })
  @CalledDirectly()
  office(@Root() participant: ParticipantRecord, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Office'> | null> | null {
    return participant.office === null ? null : loaders.officeById.load(participant.office);
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The body that took part, when the source names a body rather than a person, e.g. "the leadership of the White House".',
  })
  @CalledDirectly()
  organization(@Root() participant: ParticipantRecord, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Organization'> | null> | null {
    return participant.organization === null ? null : loaders.organizationById.load(participant.organization);
  }

  @FieldResolver(() => [Conflict], { description: "Where the sources disagree on this participant's `office` or `role`: every value stated, each with its citations; empty when they agree." })
  @CalledDirectly()
  conflicts(@Root() participant: ParticipantRecord): ConflictValue[] {
    return conflictsOf('Participant', participant);
  }

  @FieldResolver(() => Country, { description: 'The state on whose behalf they took part.' })
  @CalledDirectly()
  country(@Root() participant: ParticipantRecord, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Country'> | null> {
    return loaders.countryById.load(participant.country);
  }
}
