import { Field, ObjectType } from 'type-graphql';
import type { OrganizationKind } from '../../domain/vocabularies';
import { Citation } from '../common/citation.type';
import { OrganizationKindEnum } from '../common/enums';
import { ConnectionType } from '../relay/connection.type';
import { Node } from '../relay/node.type';

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'A ministry, department, legislature, news outlet, or a diplomatic format such as the C5+1 (Popolo Organization).',
})
export class Organization implements Node {
  declare id: string;

  @Field({ description: 'A stable human-readable key, e.g. "state-department".' })
  slug!: string;

  @Field({ description: 'The name as the sources give it, e.g. "Kazakh Foreign Ministry".' })
  name!: string;

  @Field(() => [String], { description: 'Other names the sources use.' })
  aliases!: string[];

  @Field(() => OrganizationKindEnum, { description: 'What kind of body it is.' })
  kind!: OrganizationKind;

  @Field(() => [Citation], { description: 'Where the sources name this organization.' })
  citations!: Citation[];
}

export const OrganizationConnection = ConnectionType('Organization', Organization, 'organizations');
