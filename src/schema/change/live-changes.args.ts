import { ArgsType, Field, Int } from 'type-graphql';
import type { EntityType } from '../../store/contract/records';
import { EntityTypeEnum } from './change.type';

/** The arguments of `Subscription.changes`. */
@ArgsType()
export class LiveChangesArgs {
  @Field(() => [EntityTypeEnum], { nullable: true, description: 'Only changes to entities of these types; every type when omitted or empty.' })
  types?: EntityType[] | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Resume from this seq: first the changes after it (the last seq you received; 0 for the whole feed), then live ones, with no gap and no duplicate. Only changes from now on when omitted.',
  })
  after?: number | null;
}
