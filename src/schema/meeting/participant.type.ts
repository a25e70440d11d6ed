import { Field, ObjectType } from 'type-graphql';
import type { ParticipantRole } from '../../domain/vocabularies';
import { Citation } from '../common/citation.type';
import { ParticipantRoleEnum } from '../common/enums';

@ObjectType({
  simpleResolvers: true,
  description:
    'Who took part in a meeting, in which capacity and on whose behalf. When the source names no person (e.g. "foreign ministers of ..."), `person` is null and the office or organization stands alone; when it names not even those ("among other US officials"), only `country` and `label` are set.',
})
export class Participant {
  @Field(() => ParticipantRoleEnum, { description: 'The part they played: visitor, host, participant, ...' })
  role!: ParticipantRole;

  @Field(() => String, { nullable: true, description: 'How the source names a participant it names no person for, e.g. "members of the US Congress".' })
  label!: string | null;

  @Field(() => [Citation], { description: 'Where the sources say this participant took part.' })
  citations!: Citation[];
}
