import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { ResyncRequiredError } from '../../errors/resync-required.error';
import { ChangesExpiredError } from '../../store/contract/change-feed';
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
    description:
      'Return the changes after this cursor: pass the last endCursor you saw to get only what is new. From the oldest change kept when omitted. A cursor older than the feed keeps is RESYNC_REQUIRED.',
  })
  after?: string | null;
}

@Resolver(() => Change)
export class ChangeResolver {
  @Query(() => ChangeConnection, {
    description:
      'The change feed: every write in the order applied, oldest first; the latest CHANGE_RETENTION changes are kept. Keep the last endCursor and ask again with `after` to sync incrementally; totalCount is the current data version. A cursor older than the changes kept is RESYNC_REQUIRED: read the data again, then follow from extensions.resumeCursor.',
  })
  async changes(@Args(() => ChangesArgs) args: ChangesArgs, @Ctx() context: Context): Promise<ConnectionValue<ChangeEvent>> {
    const first = checkCount(args.first, 'first') ?? DEFAULT_PAGE_SIZE;
    const after = args.after == null ? null : Number(context.cursors.decode(args.after, SEQ_ORDER, 'after')[0]);
    const cursorOf = (seq: number) => context.cursors.encode(SEQ_ORDER, [String(seq)]);
    let page;
    try {
      page = await context.changes(after, first);
    } catch (error) {
      if (!(error instanceof ChangesExpiredError)) throw error;
      throw new ResyncRequiredError({ after: error.after, oldestSeq: error.oldestSeq, lastSeq: error.lastSeq, resumeCursor: cursorOf(error.lastSeq) });
    }
    const { events, hasNextPage, lastSeq } = page;
    const edges = events.map((event) => ({ cursor: cursorOf(event.seq), node: event }));
    return {
      totalCount: lastSeq,
      edges,
      nodes: events,
      pageInfo: { hasNextPage, hasPreviousPage: after !== null && after > 0, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
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
