import { Field, ObjectType } from 'type-graphql';
import type { DateBoundKind, MeetingRelation } from '../../domain/vocabularies';
import { Citation } from '../common/citation.type';
import { DateScalar } from '../common/date.scalar';
import { DateBoundKindEnum, MeetingRelationEnum } from '../common/enums';

@ObjectType({
  simpleResolvers: true,
  description:
    'A statement that sets one bound of a meeting\'s date: a source\'s claim of the date, a stated relation to another meeting, or the larger event the meeting was part of.',
})
export class DateBound {
  @Field(() => DateBoundKindEnum, { description: 'What kind of statement it is.' })
  kind!: DateBoundKind;

  @Field(() => DateScalar, { description: 'The bound the statement gives: the earliest or latest day it allows.' })
  day!: string;

  @Field(() => [Citation], {
    description: "The quotes that make the statement: a claim's or a relation's. Empty for PART_OF: the whole's own `date.boundedBy` says what bounds it.",
  })
  citations!: Citation[];

  @Field(() => MeetingRelationEnum, { nullable: true, description: 'For RELATION, how the meeting relates to the other one; null otherwise.' })
  relation!: MeetingRelation | null;
}

@ObjectType({ simpleResolvers: true, description: "Which statements bound a meeting's date: for each bound, every statement that sets it." })
export class DateBounds {
  @Field(() => [DateBound], { description: 'The statements that set the earliest day; empty when it is open.' })
  earliest!: DateBound[];

  @Field(() => [DateBound], { description: 'The statements that set the latest day; empty when it is open.' })
  latest!: DateBound[];
}
