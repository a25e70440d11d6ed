import { Field, ID, InterfaceType } from 'type-graphql';
import type { Entity } from '../../store/contract/store';

@InterfaceType({
  description:
    'An object with a global id (Relay global object identification): any Node can be fetched again with `node(id)`. Ids are opaque; do not parse them.',
  resolveType: (value: Entity) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: 'The global id: opaque, stable, unique across all types.' })
  id!: string;
}
