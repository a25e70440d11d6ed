import type DataLoader from 'dataloader';
import type { EntityType } from '../../store/records';
import type { Condition, Entity, FindQuery, FindResult, OrderField, OrderDirection } from '../../store/store';

/** Every record matching `where`, in `order`: for short lists such as a person's tenures. */
export async function loadAll<T extends EntityType>(
  pages: DataLoader<FindQuery<T>, FindResult<T>, string>,
  where: Condition<T>[],
  order: { field: OrderField<T>; direction: OrderDirection },
): Promise<Entity<T>[]> {
  const page = await pages.load({ where, order });
  return page.items.map((item) => item.entity);
}

/** The records at `slugs` that exist, in slug order; a dangling reference is skipped, not an error. */
export async function loadExisting<V>(byId: DataLoader<string, V | null>, slugs: readonly string[]): Promise<V[]> {
  const values = await byId.loadMany(slugs);
  return values.filter((value): value is V => value !== null && !(value instanceof Error));
}
