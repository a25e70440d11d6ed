import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'A point on the Earth in decimal degrees (WGS 84), as the GeoNames gazetteer gives it.' })
export class Coordinates {
  @Field(() => Float, { description: 'Degrees north of the equator, -90 to 90 (south is negative), e.g. 51.1801 for Astana.' })
  latitude!: number;

  @Field(() => Float, { description: 'Degrees east of Greenwich, -180 to 180 (west is negative), e.g. 71.44598 for Astana.' })
  longitude!: number;
}
