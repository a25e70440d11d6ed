import { Field, ObjectType } from 'type-graphql';
import type { PlaceKind } from '../../domain/vocabularies';
import { PlaceKindEnum } from '../common/enums';
import { ConnectionType } from '../relay/connection.type';
import { Node } from '../relay/node.type';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A city or venue where meetings take place.' })
export class Place implements Node {
  declare id: string;

  @Field({ description: 'A stable human-readable key, e.g. "astana".' })
  slug!: string;

  @Field({ description: 'The name, e.g. "Astana".' })
  name!: string;

  @Field(() => [String], { description: 'Other names or spellings.' })
  aliases!: string[];

  @Field(() => PlaceKindEnum, { description: 'What kind of place it is.' })
  kind!: PlaceKind;
}

export const PlaceConnection = ConnectionType('Place', Place, 'places');
