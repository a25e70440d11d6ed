import { Field, ID, InterfaceType } from 'type-graphql';
import type { Entity } from '../../store/contract/store';
import { TypeResolvedDirectly } from '../direct-resolvers';

/** Every entity carries its type's name (the store tags it), so this is exact. */
const typeNameOf = (value: Entity) => value.__typename;

@InterfaceType({
  description:
    'An object with a global id (Relay global object identification): any Node can be fetched again with `node(id)`. Ids are opaque; do not parse them.',
  resolveType: typeNameOf,
})
@TypeResolvedDirectly(typeNameOf)
export abstract class Node {
  @Field(() => ID, { description: 'The global id: opaque, stable, unique across all types.' })
  id!: string;
}
