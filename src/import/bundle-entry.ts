/** The records of a bundle, one entry each, in the order they are created. */
import { ENTITY_TYPES, type EntityType } from '../store/contract/records';
import { BUNDLE_SECTIONS, type Bundle, type BundleRecordOf } from './bundle';

/** One record of a bundle, with where it is and what it becomes. */
export interface BundleEntry<T extends EntityType = EntityType> {
  type: T;
  /** Its JSON path in the bundle: `meetings[2]`, or `source` for the article. */
  path: string;
  input: BundleRecordOf[T];
  /** The slug it has in the store: its own, or that of the stored record it turns out to be. */
  slug: string;
  /** True when the store already holds it: what it adds (citations, names, claims) is merged into the stored record. */
  reused: boolean;
}

/** Every record of the bundle in creation order: by type as `BUNDLE_SECTIONS` lists them, the article first among sources. */
export function bundleEntries(bundle: Bundle): BundleEntry[] {
  const entries: BundleEntry[] = [];
  for (const type of Object.keys(BUNDLE_SECTIONS) as EntityType[]) {
    const section = BUNDLE_SECTIONS[type];
    if (type === 'Source') entries.push({ type, path: 'source', input: bundle.source, slug: '', reused: false });
    (bundle[section] as BundleRecordOf[EntityType][]).forEach((input, index) => {
      entries.push({ type, path: `${section}[${index}]`, input, slug: '', reused: false });
    });
  }
  return entries;
}

/**
 * The types in the order they are identified: offices need their country for their slug,
 * tenures their person and office, and meetings, matched as events, their participants.
 */
export const IDENTITY_ORDER: readonly EntityType[] = [...ENTITY_TYPES.filter((type) => type !== 'Office' && type !== 'Tenure' && type !== 'Meeting'), 'Office', 'Tenure', 'Meeting'];
