import { Field, ObjectType } from 'type-graphql';
import { Citation } from '../common/citation.type';
import { ConnectionType } from '../relay/connection.type';
import { Node } from '../relay/node.type';

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'A named individual, such as a minister or a diplomat (Popolo Person). Only people a source names are held.',
})
export class Person implements Node {
  declare id: string;

  @Field({ description: 'A stable human-readable key: lower-case words joined by "-", e.g. "kairat-umarov".' })
  slug!: string;

  @Field({ description: 'The name as the sources give it, e.g. "Kairat Umarov".' })
  name!: string;

  @Field(() => [String], { description: 'Other names or spellings the sources use.' })
  aliases!: string[];

  @Field(() => [Citation], { description: 'Where the sources name this person.' })
  citations!: Citation[];
}

export const PersonConnection = ConnectionType('Person', Person, 'people');
