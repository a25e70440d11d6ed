/** How every store hands out records: frozen, and tagged with their entity type for GraphQL's abstract types. */
import type { EntityType, RecordOf } from './records';
import type { Entity } from './store';

/** Freezes a record and tags it with its type, invisibly to JSON.stringify (every store's records are tagged so). */
export function tagged<T extends EntityType>(type: T, record: RecordOf[T]): Entity<T> {
  if (!Object.prototype.hasOwnProperty.call(record, '__typename')) {
    Object.defineProperty(record, '__typename', { value: type, enumerable: false });
  }
  return Object.freeze(record) as Entity<T>;
}
