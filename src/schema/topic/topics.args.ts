import { ArgsType, Field, InputType } from 'type-graphql';
import { ConnectionArgs } from '../relay/connection.args';
import { OrderInput } from '../relay/order.input';

@InputType({ description: 'Conditions on topics; all given conditions must hold.' })
export class TopicFilter {
  @Field(() => Boolean, { nullable: true, description: 'When true, only top-level topics (those without a parent); false or omitted is no condition.' })
  topLevel?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Words that must all begin words of the name, an alias or a name in another language (`names`; one in another script than Latin also in Latin transliteration), case- and accent-insensitive.' })
  text?: string | null;
}

export const TopicOrder = OrderInput('Topic', 'topics', { NAME: 'By name.' });
export type TopicOrder = InstanceType<typeof TopicOrder>;

@ArgsType()
export class TopicsArgs extends ConnectionArgs {
  @Field(() => TopicFilter, { nullable: true, description: 'Only topics matching these conditions.' })
  filter?: TopicFilter | null;

  @Field(() => TopicOrder, { nullable: true, description: 'The order; by name ascending when omitted.' })
  orderBy?: TopicOrder | null;
}
