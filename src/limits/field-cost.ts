/**
 * Fields whose value alone can be large cost more than 1 in the cost model (cost.ts):
 * `Source.text` holds up to 1 MiB, so `sources(first: 100) { nodes { text } }` would answer
 * up to 100 MiB at the price of 201. Such a field is marked `@Cost(n)`, which the schema
 * carries as a field extension.
 */
import { Extensions } from 'type-graphql';

const FIELD_COST = 'ententeCost';

/** What a large field costs: one unit per KiB its value may hold. */
export const ONE_MIB_FIELD_COST = 1024;

/** Marks a field as costing `cost` (plus its selection) instead of 1. */
export function Cost(cost: number): MethodDecorator & PropertyDecorator {
  return Extensions({ [FIELD_COST]: cost });
}

/** A field's own cost: what `@Cost` set, else 1. */
export function fieldCost(field: { extensions?: Readonly<Record<string, unknown>> | null }): number {
  const cost = field.extensions?.[FIELD_COST];
  return typeof cost === 'number' ? cost : 1;
}
