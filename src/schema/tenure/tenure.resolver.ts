import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { Entity } from '../../store/contract/store';
import { Office } from '../office/office.type';
import { Person } from '../person/person.type';
import { Tenure } from './tenure.type';
import type { PromiseOrValue } from '../../jsutils/promise-or-value';
import { then } from '../../jsutils/promise-or-value';
import type { TenureStatus } from '../../domain/attestation';
import { DateScalar } from '../common/date.scalar';
import { TenureStatusEnum } from '../common/enums';
import { CalledDirectly } from '../direct-resolvers';
import { Conflict } from '../common/conflict.type';
import { conflictsOf, type ConflictValue } from '../common/conflicts';
import { loadAttestation } from './tenure-attestation';

@Resolver(() => Tenure)
export class TenureResolver {
  @FieldResolver(() => Person, { description: 'Who held the office.' })
  @CalledDirectly()
  person(@Root() tenure: Entity<'Tenure'>, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Person'> | null> {
    return loaders.personById.load(tenure.person);
  }

  @FieldResolver(() => [Conflict], {
    description:
      "Where the sources disagree on this tenure's `office` (one outlet gives another title for the same days), `start` or `end` (dates that cannot be the same day; dates that can narrow instead): every value stated, each with its citations; the fields show the preferred ones. Empty when they agree.",
  })
  @CalledDirectly()
  conflicts(@Root() tenure: Entity<'Tenure'>): ConflictValue[] {
    return conflictsOf('Tenure', tenure);
  }

  @FieldResolver(() => Office, { description: 'The office held.' })
  @CalledDirectly()
  office(@Root() tenure: Entity<'Tenure'>, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Office'> | null> {
    return loaders.officeById.load(tenure.office);
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description:
      "The first day of the span the sources attest: the tenure was held on every day from `attestedFrom` to `attestedUntil`. Evidence is the start, the end, the date of each meeting in which the person took part in this office, and the publication date of each source citing the tenure (unless it may be after a stated end); each says the tenure was held on some day of a range. `attestedFrom` is the smallest latest-possible day of any evidence, `attestedUntil` the largest earliest-possible day: a meeting known only to lie in late February attests no day by itself, but with a source of 30 April it attests 28 February to 30 April. Null when no day is certain.",
  })
  @CalledDirectly()
  attestedFrom(@Root() tenure: Entity<'Tenure'>, @Ctx() context: Context): PromiseOrValue<string | null> {
    return then(loadAttestation(context, tenure), (attestation) => attestation.from);
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: 'The last day of the span the sources attest (see `attestedFrom`); null exactly when `attestedFrom` is. Not a claim about any later day: without an end the tenure may go on, or not.',
  })
  @CalledDirectly()
  attestedUntil(@Root() tenure: Entity<'Tenure'>, @Ctx() context: Context): PromiseOrValue<string | null> {
    return then(loadAttestation(context, tenure), (attestation) => attestation.until);
  }

  @FieldResolver(() => TenureStatusEnum, { description: 'Whether the sources say the tenure ended, name it current as of their date, or say nothing either way.' })
  @CalledDirectly()
  status(@Root() tenure: Entity<'Tenure'>, @Ctx() context: Context): PromiseOrValue<TenureStatus> {
    return then(loadAttestation(context, tenure), (attestation) => attestation.status);
  }
}
