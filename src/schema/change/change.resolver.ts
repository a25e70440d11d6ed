import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { ChangeEvent, Entity } from '../../store/contract/store';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../relay/connection.args';
import type { ConnectionValue } from '../relay/connection.type';
import { toGlobalId } from '../relay/global-id';
import { loadNode } from '../relay/node.resolver';
import { Node } from '../relay/node.type';
import { checkCount } from '../relay/resolve-connection';
import { Change, ChangeConnection, EntityTypeEnum } from './change.type';
import type { PromiseOrValue } from '../../jsutils/promise-or-value';
import { CalledDirectly } from '../direct-resolvers';

const SEQ_ORDER = 'SEQ';

@ArgsType()
class ChangesArgs {
  @Field(() => Int, { nullable: true, description: `How many changes at most (0 to ${MAX_PAGE_SIZE}); ${DEFAULT_PAGE_SIZE} when omitted.` })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return the changes after this cursor: pass the last endCursor you saw to get only what is new. From the first change when omitted.',
  })
  after?: string | null;
}

@Resolver(() => Change)
export class ChangeResolver {
  @Query(() => ChangeConnection, {
    description:
      'The change feed: every write in the order applied, oldest first. Keep the last endCursor and ask again with `after` to sync incrementally; totalCount is the current data version.',
  })
  async changes(@Args(() => ChangesArgs) args: ChangesArgs, @Ctx() context: Context): Promise<ConnectionValue<ChangeEvent>> {
    const first = checkCount(args.first, 'first') ?? DEFAULT_PAGE_SIZE;
    const after = args.after == null ? 0 : Number(context.cursors.decode(args.after, SEQ_ORDER, 'after')[0]);
    const { events, hasNextPage, lastSeq } = await context.changes(after, first);
    const edges = events.map((event) => ({ cursor: context.cursors.encode(SEQ_ORDER, [String(event.seq)]), node: event }));
    return {
      totalCount: lastSeq,
      edges,
      nodes: events,
      pageInfo: { hasNextPage, hasPreviousPage: after > 0, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  @FieldResolver(() => ID, { description: 'The global id of the entity changed.' })
  @CalledDirectly()
  entityId(@Root() event: ChangeEvent): string {
    return toGlobalId(event.type, event.slug);
  }

  @FieldResolver(() => String, { description: 'The slug of the entity changed (it never changes, and stays known after a delete).' })
  @CalledDirectly()
  entitySlug(@Root() event: ChangeEvent): string {
    return event.slug;
  }

  @FieldResolver(() => EntityTypeEnum, { description: 'The type of the entity changed.' })
  @CalledDirectly()
  entityType(@Root() event: ChangeEvent): string {
    return event.type;
  }

  @FieldResolver(() => Node, { nullable: true, description: 'The entity as it is now (not as this change left it); null once deleted.' })
  @CalledDirectly()
  entity(@Root() event: ChangeEvent, @Ctx() { loaders }: Context): PromiseOrValue<Entity | null> {
    return loadNode(loaders, { type: event.type, slug: event.slug });
  }
}
