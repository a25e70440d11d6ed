import { ArgsType, Field, InputType } from 'type-graphql';
import type { OrganizationKind } from '../../domain/vocabularies';
import { OrganizationKindEnum } from '../common/enums';
import { ConnectionArgs } from '../relay/connection.args';
import { OrderInput } from '../relay/order.input';

@InputType({ description: 'Conditions on organizations; all given conditions must hold.' })
export class OrganizationFilter {
  @Field(() => [String], { nullable: true, description: 'Organizations of any of these countries: each a Country id, slug or ISO 3166-1 alpha-2 code (e.g. "KZ").' })
  countries?: string[] | null;

  @Field(() => [OrganizationKindEnum], { nullable: true, description: 'Organizations of any of these kinds.' })
  kinds?: OrganizationKind[] | null;

  @Field(() => String, { nullable: true, description: 'Words that must all begin words of the name, an alias or a name in another language (`names`; one in another script than Latin also in Latin transliteration), case- and accent-insensitive.' })
  text?: string | null;
}

export const OrganizationOrder = OrderInput('Organization', 'organizations', { NAME: 'By name.' });
export type OrganizationOrder = InstanceType<typeof OrganizationOrder>;

@ArgsType()
export class OrganizationsArgs extends ConnectionArgs {
  @Field(() => OrganizationFilter, { nullable: true, description: 'Only organizations matching these conditions.' })
  filter?: OrganizationFilter | null;

  @Field(() => OrganizationOrder, { nullable: true, description: 'The order; by name ascending when omitted.' })
  orderBy?: OrganizationOrder | null;
}
