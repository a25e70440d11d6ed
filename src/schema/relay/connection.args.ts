import { ArgsType, Field, Int } from 'type-graphql';

/** The largest page a client may ask for. */
export const MAX_PAGE_SIZE = 100;
/** The page size when a client gives neither `first` nor `last`. */
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Return the first n items (0 to ${MAX_PAGE_SIZE}) of the list, after \`after\` when given. Without \`first\` or \`last\`, the first ${DEFAULT_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor (from an edge or pageInfo.endCursor).' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Return the last n items (0 to ${MAX_PAGE_SIZE}) of the list, before \`before\` when given.` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items before this cursor (from an edge or pageInfo.startCursor).' })
  before?: string | null;
}
