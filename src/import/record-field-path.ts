import { bundlePath } from './bundle';

/**
 * The bundle path of a field the store names within a record: record `meetings[2]`,
 * field `participants.0.person` → `meetings[2].participants[0].person`.
 */
export function recordFieldPath(recordPath: string, field: string): string {
  if (field === '') return recordPath;
  const within = bundlePath(field.split('.'));
  return within.startsWith('[') ? `${recordPath}${within}` : `${recordPath}.${within}`;
}
