/**
 * The reference dataset a bundle cites, loaded from the installed package: a bundle's
 * countries and places may quote `countries-list-<version>` (the installed version), which
 * no bundle carries (its text is the package's, not the article's). When a bundle cites it
 * and the store does not hold it yet, the import creates it first, in the same
 * all-or-nothing write, so that a fresh data directory needs no step of its own.
 */
import { foldText } from '../domain/fold-text';
import { REFERENCE_SOURCE_SLUG, referenceSourceRecord, referenceText } from '../reference/reference-dataset';
import type { ChangeRequest } from '../store/contract/store';
import { citedSources } from '../store/contract/validate';
import type { SourceRecord } from '../store/contract/records';
import type { Bundle } from './bundle';

/** What the import plans against: the stored sources and their texts, besides other records. */
interface StoredSources {
  readonly Source: readonly SourceRecord[];
  readonly texts: ReadonlyMap<string, string>;
}

/** The data an import plans against, and the change to write before the plan's: both unchanged when the bundle does not cite the dataset or the store holds it. */
export function withReferenceSource<E extends StoredSources>(bundle: Bundle, existing: E): { existing: E; change: ChangeRequest | null } {
  const record = referenceSourceRecord();
  const names = new Set([REFERENCE_SOURCE_SLUG, foldText(record.title)]);
  const cites = citedSources(bundle).some((source) => source !== undefined && (names.has(source) || names.has(foldText(source))));
  if (!cites || existing.Source.some((source) => source.slug === REFERENCE_SOURCE_SLUG)) return { existing, change: null };
  const text = referenceText();
  return {
    existing: { ...existing, Source: [...existing.Source, record], texts: new Map([...existing.texts, [REFERENCE_SOURCE_SLUG, text]]) },
    change: { operation: 'create', type: 'Source', record, text },
  };
}
