import { Field, ObjectType } from 'type-graphql';
import { Citation } from '../common/citation.type';

@ObjectType({ simpleResolvers: true, description: 'A topic discussed at a meeting, with the quotes that say so.' })
export class TopicMention {
  @Field(() => [Citation], { description: 'Where the sources say the topic was discussed.' })
  citations!: Citation[];
}
