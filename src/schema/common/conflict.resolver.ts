import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { PromiseOrValue } from '../../jsutils/promise-or-value';
import type { Entity } from '../../store/contract/store';
import { loadNode } from '../relay/node.resolver';
import { Node } from '../relay/node.type';
import { CalledDirectly } from '../direct-resolvers';
import { Claim } from './conflict.type';
import type { ClaimValue } from './conflicts';

@Resolver(() => Claim)
export class ClaimResolver {
  @FieldResolver(() => Node, { nullable: true, description: 'For a reference (a place, a format, an office): the entity the value names; null for other values.' })
  @CalledDirectly()
  node(@Root() claim: ClaimValue, @Ctx() { loaders }: Context): PromiseOrValue<Entity | null> | null {
    if (claim.target === null || claim.value === null) return null;
    return loadNode(loaders, { type: claim.target, slug: claim.value });
  }
}
