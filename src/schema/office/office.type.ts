import { Field, ObjectType } from 'type-graphql';
import { Citation } from '../common/citation.type';
import { ConnectionType } from '../relay/connection.type';
import { Node } from '../relay/node.type';

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    'A post that people hold over time, e.g. "Under Secretary of State for Political Affairs" (Popolo Post). The title omits the country, which is `country`.',
})
export class Office implements Node {
  declare id: string;

  @Field({ description: 'A stable human-readable key, e.g. "united-states-secretary-of-state".' })
  slug!: string;

  @Field({ description: 'The title without the country, e.g. "Secretary of State".' })
  title!: string;

  @Field(() => [Citation], { description: 'Where the sources name this office.' })
  citations!: Citation[];
}

export const OfficeConnection = ConnectionType('Office', Office, 'offices');
