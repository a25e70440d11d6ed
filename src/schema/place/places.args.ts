import { ArgsType, Field, InputType } from 'type-graphql';
import { ConnectionArgs } from '../relay/connection.args';
import { OrderInput } from '../relay/order.input';

@InputType({ description: 'Conditions on places; all given conditions must hold.' })
export class PlaceFilter {
  @Field(() => [String], { nullable: true, description: 'Places in any of these countries: each a Country id, slug or ISO 3166-1 alpha-2 code (e.g. "KZ").' })
  countries?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Words that must all begin words of the name, an alias or a name in another language (`names`; one in another script than Latin also in Latin transliteration), case- and accent-insensitive.' })
  text?: string | null;
}

export const PlaceOrder = OrderInput('Place', 'places', { NAME: 'By name.' });
export type PlaceOrder = InstanceType<typeof PlaceOrder>;

@ArgsType()
export class PlacesArgs extends ConnectionArgs {
  @Field(() => PlaceFilter, { nullable: true, description: 'Only places matching these conditions.' })
  filter?: PlaceFilter | null;

  @Field(() => PlaceOrder, { nullable: true, description: 'The order; by name ascending when omitted.' })
  orderBy?: PlaceOrder | null;
}
