import { Field, ObjectType } from 'type-graphql';
import type { Attestation, HolderCertainty } from '../../domain/attestation';
import type { Entity } from '../../store/contract/store';
import { HolderCertaintyEnum } from '../common/enums';
import { Person } from '../person/person.type';
import { Tenure } from '../tenure/tenure.type';

/** What `Office.holders` resolves each candidate from. */
export interface OfficeHolderValue {
  person: Entity<'Person'>;
  tenure: Entity<'Tenure'>;
  certainty: HolderCertainty;
  attestation: Attestation;
}

@ObjectType({ simpleResolvers: true, description: 'Someone who held, or may have held, an office on a given day, with the tenure that says so.' })
export class OfficeHolder {
  @Field(() => Person, { description: 'The holder.' })
  person!: Entity<'Person'>;

  @Field(() => Tenure, { description: 'The tenure by which they held it.' })
  tenure!: Entity<'Tenure'>;

  @Field(() => HolderCertaintyEnum, { description: "Whether the day lies within the tenure's attested span (ATTESTED) or is only not excluded (POSSIBLE)." })
  certainty!: HolderCertainty;
}
