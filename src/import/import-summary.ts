import { ENTITY_TYPES, type EntityType } from '../store/contract/records';

/** How many records of each type an import creates, and how many it finds already stored. */
export interface ImportSummary {
  created: Record<EntityType, number>;
  reused: Record<EntityType, number>;
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

/** One line: "created 6 people and 2 meetings; reused 3 countries". */
export function formatSummary(summary: ImportSummary): string {
  const part = (counts: Record<EntityType, number>) => {
    const items = ENTITY_TYPES.filter((type) => counts[type] > 0).map((type) => `${counts[type]} ${NOUNS[type][counts[type] === 1 ? 0 : 1]}`);
    return items.length === 0 ? 'nothing' : items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
  };
  return `created ${part(summary.created)}; reused ${part(summary.reused)}`;
}
