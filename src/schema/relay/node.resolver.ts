import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import type { Loaders } from '../../loaders/create-loaders';
import { all, type PromiseOrValue } from '../../jsutils/promise-or-value';
import type { EntityType } from '../../store/contract/records';
import type { Entity } from '../../store/contract/store';
import { fromGlobalId, toGlobalId } from './global-id';
import { Node } from './node.type';
import { CalledDirectly } from '../direct-resolvers';

/** The most ids one `nodes` call may ask for. */
export const MAX_NODES = 100;

@Resolver(() => Node)
export class NodeResolver {
  @FieldResolver(() => ID)
  @CalledDirectly()
  id(@Root() entity: Entity): string {
    let id = GLOBAL_IDS.get(entity);
    if (id === undefined) GLOBAL_IDS.set(entity, (id = toGlobalId(entity.__typename, entity.slug)));
    return id;
  }

  @Query(() => Node, { nullable: true, description: 'Any entity by its global id; null when none has it.' })
  node(@Arg('id', () => ID, { description: 'A global id, as returned in any `id` field.' }) id: string, @Ctx() { loaders }: Context): PromiseOrValue<Entity | null> {
    return loadNode(loaders, decodeId(id, 'id'));
  }

  @Query(() => [Node], { nullable: 'items', description: `Entities by global id, in the order asked, null where none has the id (at most ${MAX_NODES} ids).` })
  nodes(@Arg('ids', () => [ID], { description: 'Global ids, as returned in any `id` field.' }) ids: string[], @Ctx() { loaders }: Context): PromiseOrValue<(Entity | null)[]> {
    if (ids.length > MAX_NODES) throw new BadUserInputError(`"ids" may hold at most ${MAX_NODES} ids; got ${ids.length}.`, 'ids');
    const decoded = ids.map((id) => decodeId(id, 'ids'));
    return all(decoded.map((target) => loadNode(loaders, target)));
  }
}

/** Each record's global id, made once: records are immutable and live as long as a version holds them. */
const GLOBAL_IDS = new WeakMap<Entity, string>();

function decodeId(id: string, argumentName: string): { type: EntityType; slug: string } {
  const decoded = fromGlobalId(id);
  if (!decoded) throw new BadUserInputError(`"${argumentName}": ${JSON.stringify(id.slice(0, 200))} is not an id this API issued.`, argumentName);
  return decoded;
}

/** Loads an entity of any type by type and slug, through that type's loader. */
export function loadNode(loaders: Loaders, { type, slug }: { type: EntityType; slug: string }): PromiseOrValue<Entity | null> {
  const name = `${type.charAt(0).toLowerCase()}${type.slice(1)}ById` as `${Uncapitalize<EntityType>}ById`;
  return loaders[name].load(slug) as PromiseOrValue<Entity | null>;
}
