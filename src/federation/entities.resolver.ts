/**
 * `_entities(representations)`: how a gateway asks this subgraph for entities it met in
 * another subgraph's answer. A representation `{ __typename: "Person", id: "<global id>" }`
 * resolves like `node(id)`, through the request's loaders (one batch per type per tick),
 * to the entity, or to null when none has the id. A representation that names no entity
 * type, or has no id, or an id this API did not issue or issued for another type, is a
 * BAD_USER_INPUT error at its own index; the others still resolve.
 *
 * It replaces `@apollo/subgraph`'s resolver, which answers a type name it does not know
 * with one uncoded error for the whole list, lets a representation of a non-entity type
 * through as if it were the entity (an uncoded type error), and wraps every entity in a
 * promise even when it is already loaded (graphql-jit completes loaded values in place).
 */
import type { GraphQLFieldResolver } from 'graphql';
import type { Context } from '../context';
import { BadUserInputError } from '../errors/bad-user-input.error';
import type { PromiseOrValue } from '../jsutils/promise-or-value';
import type { EntityType } from '../store/contract/records';
import type { Entity } from '../store/contract/store';
import { fromGlobalId } from '../schema/relay/global-id';
import { loadNode } from '../schema/relay/node.resolver';

/** One item of `_entities`: the entity, null when none has the id, or the error of a bad representation. */
export type EntityResult = PromiseOrValue<Entity | null> | BadUserInputError;

/** The `_entities` resolver of a subgraph whose entities are `entityTypes`, each keyed by its global id. */
export function entitiesResolver(entityTypes: readonly string[]): GraphQLFieldResolver<unknown, Context, { representations: readonly unknown[] }, EntityResult[]> {
  const known = new Set(entityTypes);
  return (_root, { representations }, { loaders }) =>
    representations.map((representation, index) => {
      const reference = checkRepresentation(representation, index, known);
      return reference instanceof BadUserInputError ? reference : loadNode(loaders, reference);
    });
}

/** The type and slug a representation names, or the error saying what is wrong with it. */
export function checkRepresentation(representation: unknown, index: number, known: ReadonlySet<string>): { type: EntityType; slug: string } | BadUserInputError {
  const at = `"representations[${index}]"`;
  const bad = (message: string) => new BadUserInputError(`${at}: ${message}`, 'representations');
  if (typeof representation !== 'object' || representation === null || Array.isArray(representation)) {
    return bad(`expected an object with "__typename" and "id"; got ${echo(representation)}.`);
  }
  const { __typename: typename, id } = representation as Record<string, unknown>;
  if (typeof typename !== 'string' || !known.has(typename)) {
    return bad(`expected "__typename" to be an entity type of this subgraph (${[...known].join(', ')}); got ${echo(typename)}.`);
  }
  if (typeof id !== 'string') return bad(`expected "id", the global id of a ${typename}; got ${echo(id)}.`);
  const decoded = fromGlobalId(id);
  if (!decoded) return bad(`${echo(id)} is not an id this API issued.`);
  if (decoded.type !== typename) return bad(`${echo(id)} is the id of a ${decoded.type}, not of a ${typename}.`);
  return decoded;
}

/** A value as a client sent it, shortened. */
function echo(value: unknown): string {
  return (JSON.stringify(value) ?? String(value)).slice(0, 200);
}
