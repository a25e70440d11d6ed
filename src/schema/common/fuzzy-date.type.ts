import { Field, ObjectType } from 'type-graphql';
import type { DatePrecision } from '../../domain/vocabularies';
import { DateScalar } from './date.scalar';
import { DatePrecisionEnum } from './enums';

@ObjectType({
  description:
    'A date as precisely as the sources give it: a range of possible days with the source\'s own wording. "late February 2023" is 2023-02-21 to 2023-02-28; "on or before 30 April 2023" has no earliest day. Never a made-up day. A meeting\'s date may be narrowed by several statements (`boundedBy`); its label is then the one claim it equals, or the range in Entente\'s words ("between 21 February and 30 April 2023").',
  simpleResolvers: true,
})
export class FuzzyDate {
  @Field({ description: 'The date in words, as precise as the sources: "late February 2023", "on or before 30 April 2023", "between 21 February and 30 April 2023".' })
  label!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The earliest day it can be; null when unbounded (unknown).' })
  earliest!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The latest day it can be; null when unbounded (unknown).' })
  latest!: string | null;

  @Field(() => DatePrecisionEnum, { description: 'How precisely the source gives the date.' })
  precision!: DatePrecision;
}
