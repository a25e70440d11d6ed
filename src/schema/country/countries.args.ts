import { ArgsType, Field, InputType } from 'type-graphql';
import { ConnectionArgs } from '../relay/connection.args';
import { OrderInput } from '../relay/order.input';

@InputType({ description: 'Conditions on countries.' })
export class CountryFilter {
  @Field(() => String, { nullable: true, description: 'Words that must all begin words of the name, an alias, a name in another language (`names`; one in another script than Latin also in Latin transliteration) or the ISO code, case- and accent-insensitive.' })
  text?: string | null;
}

export const CountryOrder = OrderInput('Country', 'countries', { NAME: 'By name.', ISO_CODE: 'By ISO 3166-1 alpha-2 code.' });
export type CountryOrder = InstanceType<typeof CountryOrder>;

@ArgsType()
export class CountriesArgs extends ConnectionArgs {
  @Field(() => CountryFilter, { nullable: true, description: 'Only countries matching these conditions.' })
  filter?: CountryFilter | null;

  @Field(() => CountryOrder, { nullable: true, description: 'The order; by name ascending when omitted.' })
  orderBy?: CountryOrder | null;
}
