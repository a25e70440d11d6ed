import { ArgsType, Field, InputType } from 'type-graphql';
import type { SourceKind } from '../../domain/vocabularies';
import { DateScalar } from '../common/date.scalar';
import { SourceKindEnum } from '../common/enums';
import { ConnectionArgs } from '../relay/connection.args';
import { OrderInput } from '../relay/order.input';

@InputType({ description: 'Conditions on sources; all given conditions must hold.' })
export class SourceFilter {
  @Field(() => DateScalar, { nullable: true, description: 'Published on or after this day.' })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Published on or before this day.' })
  to?: string | null;

  @Field(() => [SourceKindEnum], { nullable: true, description: 'Sources of any of these kinds.' })
  kinds?: SourceKind[] | null;

  @Field(() => String, { nullable: true, description: 'Words that must all begin words of the title (case- and accent-insensitive).' })
  text?: string | null;
}

export const SourceOrder = OrderInput('Source', 'sources', { PUBLISHED_ON: 'By publication day.', TITLE: 'By title.' });
export type SourceOrder = InstanceType<typeof SourceOrder>;

@ArgsType()
export class SourcesArgs extends ConnectionArgs {
  @Field(() => SourceFilter, { nullable: true, description: 'Only sources matching these conditions.' })
  filter?: SourceFilter | null;

  @Field(() => SourceOrder, { nullable: true, description: 'The order; newest first when omitted.' })
  orderBy?: SourceOrder | null;
}
