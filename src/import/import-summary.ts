import { ENTITY_TYPES, type EntityType } from '../store/contract/records';

/** How many records of each type an import creates, how many it finds already stored, and how many of those it adds to. */
export interface ImportSummary {
  created: Record<EntityType, number>;
  reused: Record<EntityType, number>;
  /** Stored records the import adds citations, names, participants or claims to (each counted once). */
  merged: Record<EntityType, number>;
}

/** How a summary names each type, singular and plural. */
const NOUNS: Record<EntityType, [string, string]> = {
  Country: ['country', 'countries'],
  Place: ['place', 'places'],
  Organization: ['organization', 'organizations'],
  Person: ['person', 'people'],
  Office: ['office', 'offices'],
  Tenure: ['tenure', 'tenures'],
  Topic: ['topic', 'topics'],
  Source: ['source', 'sources'],
  Meeting: ['meeting', 'meetings'],
};

/** One line: "created 6 people and 2 meetings; reused 3 countries; added to 1 meeting". */
export function formatSummary(summary: ImportSummary): string {
  const part = (counts: Record<EntityType, number>) => {
    const items = ENTITY_TYPES.filter((type) => counts[type] > 0).map((type) => `${counts[type]} ${NOUNS[type][counts[type] === 1 ? 0 : 1]}`);
    return items.length === 0 ? 'nothing' : items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
  };
  const merged = ENTITY_TYPES.some((type) => summary.merged[type] > 0) ? `; added to ${part(summary.merged)}` : '';
  return `created ${part(summary.created)}; reused ${part(summary.reused)}${merged}`;
}
