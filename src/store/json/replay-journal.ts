/** Start-up of the JSON store: the journal's changes past the snapshot, applied to the data read from the snapshot files. */
import type { Dataset, EntityType, RecordOf } from '../contract/records';
import type { ChangeEntry } from '../contract/store';

/** Applies journal entries to a data set read from the snapshot files: each sets a record's state, so replaying one twice is harmless. */
export function replayJournal(data: Dataset, entries: readonly ChangeEntry[]): void {
  const maps = new Map<EntityType, Map<string, RecordOf[EntityType]>>();
  for (const entry of entries) {
    let map = maps.get(entry.type);
    if (!map) maps.set(entry.type, (map = new Map((data[entry.type] as RecordOf[EntityType][]).map((record) => [record.slug, record]))));
    if (entry.record === null) {
      map.delete(entry.slug);
      if (entry.type === 'Source') data.texts.delete(entry.slug);
      continue;
    }
    const { text, ...record } = entry.record as RecordOf[EntityType] & { text?: string };
    map.set(entry.slug, record as RecordOf[EntityType]);
    if (typeof text === 'string') data.texts.set(entry.slug, text);
  }
  for (const [type, map] of maps) (data as Record<EntityType, unknown[]>)[type] = [...map.values()];
}
