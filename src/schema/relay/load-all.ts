import type { Loader } from '../../loaders/loader';
import { then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import type { EntityType } from '../../store/contract/records';
import type { Condition, Entity, FindQuery, FindResult, OrderField, OrderDirection } from '../../store/contract/store';

/** Every record matching `where`, in `order`: for short lists such as a person's tenures. */
export function loadAll<T extends EntityType>(
  pages: Loader<FindQuery<T>, FindResult<T>>,
  where: Condition<T>[],
  order: { field: OrderField<T>; direction: OrderDirection },
): PromiseOrValue<Entity<T>[]> {
  return then(pages.load({ where, order }), (page) => page.items.map((item) => item.entity));
}

/** The records at `slugs` that exist, in slug order; a dangling reference is skipped, not an error. */
export function loadExisting<V>(byId: Loader<string, V | null>, slugs: readonly string[]): PromiseOrValue<V[]> {
  return then(byId.loadMany(slugs), (values) => values.filter((value): value is V => value !== null && !(value instanceof Error)));
}
