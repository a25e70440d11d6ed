import { ArgsType, Field, InputType } from 'type-graphql';
import { ConnectionArgs } from '../relay/connection.args';
import { OrderInput } from '../relay/order.input';

@InputType({ description: 'Conditions on offices; all given conditions must hold.' })
export class OfficeFilter {
  @Field(() => [String], { nullable: true, description: 'Offices of any of these countries: each a Country id, slug or ISO 3166-1 alpha-2 code (e.g. "KZ").' })
  countries?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Words that must all begin words of the title (case- and accent-insensitive).' })
  text?: string | null;
}

export const OfficeOrder = OrderInput('Office', 'offices', { TITLE: 'By title.' });
export type OfficeOrder = InstanceType<typeof OfficeOrder>;

@ArgsType()
export class OfficesArgs extends ConnectionArgs {
  @Field(() => OfficeFilter, { nullable: true, description: 'Only offices matching these conditions.' })
  filter?: OfficeFilter | null;

  @Field(() => OfficeOrder, { nullable: true, description: 'The order; by title ascending when omitted.' })
  orderBy?: OfficeOrder | null;
}
