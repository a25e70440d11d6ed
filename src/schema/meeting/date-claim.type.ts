import { Field, ObjectType } from 'type-graphql';
import { Citation } from '../common/citation.type';
import { FuzzyDate } from '../common/fuzzy-date.type';

@ObjectType({ simpleResolvers: true, description: "One source's statement of when a meeting took place, with the quotes that state it." })
export class DateClaim {
  @Field(() => FuzzyDate, { description: 'The date as this claim gives it.' })
  date!: FuzzyDate;

  @Field(() => [Citation], { description: 'The quotes that state this date.' })
  citations!: Citation[];
}
