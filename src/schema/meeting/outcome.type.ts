import { Field, ObjectType } from 'type-graphql';
import { Citation } from '../common/citation.type';

@ObjectType({ simpleResolvers: true, description: 'What a meeting produced: an agreement, a commitment, a statement of support.' })
export class Outcome {
  @Field({ description: 'The outcome in a sentence.' })
  description!: string;

  @Field({ description: 'The CAMEO event code of the outcome, e.g. "030" (Express intent to cooperate).' })
  cameoCode!: string;

  @Field(() => [Citation], { description: 'Where the sources state the outcome.' })
  citations!: Citation[];
}
