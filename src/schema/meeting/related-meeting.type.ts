import { Field, ObjectType } from 'type-graphql';
import type { MeetingRelation } from '../../domain/vocabularies';
import { Citation } from '../common/citation.type';
import { MeetingRelationEnum } from '../common/enums';

@ObjectType({
  simpleResolvers: true,
  description: 'A stated relation of a meeting\'s time to another meeting, e.g. after a visit whose outcomes it discussed. It bounds the meeting\'s date (see `FuzzyDate.boundedBy`).',
})
export class RelatedMeeting {
  @Field(() => MeetingRelationEnum, { description: 'How the meeting relates to the other one in time.' })
  relation!: MeetingRelation;

  @Field(() => [Citation], { description: 'The quotes that state the relation.' })
  citations!: Citation[];
}
