import { ArgsType, Field, InputType } from 'type-graphql';
import { ConnectionArgs } from '../relay/connection.args';
import { OrderInput } from '../relay/order.input';

@InputType({ description: 'Conditions on people; all given conditions must hold.' })
export class PersonFilter {
  @Field(() => [String], { nullable: true, description: 'People of any of these countries: each a Country id, slug or ISO 3166-1 alpha-2 code (e.g. "KZ").' })
  countries?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Words that must all begin words of the name, an alias or a name in another language (`names`; one in another script than Latin also in Latin transliteration), case- and accent-insensitive.' })
  text?: string | null;
}

export const PersonOrder = OrderInput('Person', 'people', { NAME: 'By name.' });
export type PersonOrder = InstanceType<typeof PersonOrder>;

@ArgsType()
export class PeopleArgs extends ConnectionArgs {
  @Field(() => PersonFilter, { nullable: true, description: 'Only people matching these conditions.' })
  filter?: PersonFilter | null;

  @Field(() => PersonOrder, { nullable: true, description: 'The order; by name ascending when omitted.' })
  orderBy?: PersonOrder | null;
}
