/**
 * A reference to any entity the page can show (from a search hit, a graph node, a list),
 * and its place in the URL: `#/person/kairat-umarov`, so that details can be linked and
 * the browser's Back button walks the details one has opened.
 */

/** The entity types of the API's Node interface. */
export type EntityType = 'Country' | 'Place' | 'Organization' | 'Person' | 'Office' | 'Tenure' | 'Topic' | 'Source' | 'Meeting';

/** Enough of an entity to name it and fetch its details. */
export interface EntityRef {
  type: EntityType;
  id: string;
  slug: string;
  /** The name or title shown for it. */
  name: string;
}

const SEGMENTS: Record<EntityType, string> = {
  Country: 'country',
  Place: 'place',
  Organization: 'organization',
  Person: 'person',
  Office: 'office',
  Tenure: 'tenure',
  Topic: 'topic',
  Source: 'source',
  Meeting: 'meeting',
};

/** Singular and plural nouns for headings: "Person", "People". */
export const TYPE_NAMES: Record<EntityType, { one: string; many: string }> = {
  Person: { one: 'Person', many: 'People' },
  Meeting: { one: 'Meeting', many: 'Meetings' },
  Office: { one: 'Office', many: 'Offices' },
  Organization: { one: 'Organization', many: 'Organizations' },
  Country: { one: 'Country', many: 'Countries' },
  Place: { one: 'Place', many: 'Places' },
  Topic: { one: 'Topic', many: 'Topics' },
  Source: { one: 'Source', many: 'Sources' },
  Tenure: { one: 'Tenure', many: 'Tenures' },
};

/** The order in which search results list the types. */
export const TYPE_ORDER: EntityType[] = ['Person', 'Meeting', 'Office', 'Organization', 'Country', 'Place', 'Topic', 'Source', 'Tenure'];

/**
 * Where an entity's details live: `#/person/<slug>`. Tenures have no query by slug, so
 * they (and only they) are addressed by global id: `#/tenure/<id>`.
 */
export function entityHash(ref: Pick<EntityRef, 'type' | 'id' | 'slug'>): string {
  const key = ref.type === 'Tenure' ? ref.id : ref.slug;
  return `#/${SEGMENTS[ref.type]}/${encodeURIComponent(key)}`;
}

/** The entity a hash names, or null; its `name` is unknown until its details load. */
export function parseEntityHash(hash: string): Pick<EntityRef, 'type' | 'slug' | 'id'> | null {
  const match = /^#\/([a-z]+)\/([^/]+)$/.exec(hash);
  if (!match) return null;
  const type = (Object.keys(SEGMENTS) as EntityType[]).find((candidate) => SEGMENTS[candidate] === match[1]);
  if (!type) return null;
  let key: string;
  try {
    key = decodeURIComponent(match[2]!);
  } catch {
    return null;
  }
  return type === 'Tenure' ? { type, id: key, slug: '' } : { type, slug: key, id: '' };
}

/** A search hit, node or change-feed entity as a reference, whatever its type names itself by. */
export function refOf(node: { __typename: EntityType; id: string; slug?: string; name?: string; title?: string }): EntityRef {
  return { type: node.__typename, id: node.id, slug: node.slug ?? '', name: node.name ?? node.title ?? node.slug ?? node.id };
}
