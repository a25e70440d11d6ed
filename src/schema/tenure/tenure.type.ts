import { Field, ObjectType } from 'type-graphql';
import { Citation } from '../common/citation.type';
import { FuzzyDate } from '../common/fuzzy-date.type';
import { Node } from '../relay/node.type';

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A person's holding of an office over time (Popolo Membership), with dates as precise as the sources give them.",
})
export class Tenure implements Node {
  declare id: string;

  @Field({ description: 'A stable human-readable key, e.g. "kairat-umarov-as-first-deputy-foreign-minister".' })
  slug!: string;

  @Field(() => FuzzyDate, { nullable: true, description: 'When the tenure began, as far as the sources say; null when they say nothing.' })
  start!: FuzzyDate | null;

  @Field(() => FuzzyDate, {
    nullable: true,
    description: 'When the tenure ended; null when the sources give no end: not stated, which is not the same as still held (see `status` and `attestedUntil`).',
  })
  end!: FuzzyDate | null;

  @Field(() => [Citation], { description: 'Where the sources show this person in this office.' })
  citations!: Citation[];
}
