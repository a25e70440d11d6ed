import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../relay/connection.type';
import { Node } from '../relay/node.type';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'What was discussed, in the sources\' words, e.g. "energy" or "regional security"; topics form a tree.' })
export class Topic implements Node {
  declare id: string;

  @Field({ description: 'A stable human-readable key, e.g. "regional-security".' })
  slug!: string;

  @Field({ description: 'The name in the sources\' words, e.g. "regional security".' })
  name!: string;

  @Field(() => [String], { description: 'Other wordings of the same topic.' })
  aliases!: string[];
}

export const TopicConnection = ConnectionType('Topic', Topic, 'topics');
