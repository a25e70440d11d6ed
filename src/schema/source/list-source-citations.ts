/**
 * `Source.citations`: every citation of a source, found through the `citedSource` index
 * (the same posting lists on both stores: keys/table-specs.ts), read from the citing
 * records and paged in memory. A source's citations are those of a few records (an
 * article's meetings, people, offices; a reference dataset's countries and capitals), so a
 * page reads them all: O(citing records).
 */
import type { Context } from '../../context';
import { all, then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import type { CitationRecord, EntityType } from '../../store/contract/records';
import type { Entity, FindResult } from '../../store/contract/store';
import { citationsOf } from '../../store/contract/validate';
import type { ConnectionArgs } from '../relay/connection.args';
import type { ConnectionValue } from '../relay/connection.type';
import { listConnection } from '../relay/list-connection';

/** The types whose records cite sources, in the order their citations are listed. */
const CITING_TYPES = ['Meeting', 'Person', 'Office', 'Tenure', 'Organization', 'Country', 'Place'] as const satisfies readonly EntityType[];

/** One citation of a source, as `SourceCitation` answers it. */
export interface SourceCitationValue {
  entity: Entity;
  field: string | null;
  quote: string;
  citation: CitationRecord;
  /** The sort key: the citing type's place, the entity's slug, the citation's place in the record. */
  key: string[];
}

/** The order name cursors of this list carry. */
const ORDER = 'SOURCE_CITATIONS';

/** A page of the citations of `source`: by type (meetings, people, offices, tenures, organizations, countries, places), then entity slug, then place in the record. */
export function listSourceCitations({ loaders, cursors }: Context, source: string, args: ConnectionArgs): PromiseOrValue<ConnectionValue<SourceCitationValue>> {
  const pages: Record<(typeof CITING_TYPES)[number], PromiseOrValue<FindResult>> = {
    Meeting: loaders.meetingPages.load({ where: [{ field: 'citedSource', anyOf: [source] }], order: { field: 'DATE', direction: 'ASC' } }),
    Person: loaders.personPages.load({ where: [{ field: 'citedSource', anyOf: [source] }], order: { field: 'NAME', direction: 'ASC' } }),
    Office: loaders.officePages.load({ where: [{ field: 'citedSource', anyOf: [source] }], order: { field: 'TITLE', direction: 'ASC' } }),
    Tenure: loaders.tenurePages.load({ where: [{ field: 'citedSource', anyOf: [source] }], order: { field: 'START', direction: 'ASC' } }),
    Organization: loaders.organizationPages.load({ where: [{ field: 'citedSource', anyOf: [source] }], order: { field: 'NAME', direction: 'ASC' } }),
    Country: loaders.countryPages.load({ where: [{ field: 'citedSource', anyOf: [source] }], order: { field: 'NAME', direction: 'ASC' } }),
    Place: loaders.placePages.load({ where: [{ field: 'citedSource', anyOf: [source] }], order: { field: 'NAME', direction: 'ASC' } }),
  };
  return then(
    all(CITING_TYPES.map((type) => pages[type])),
    (results) => {
      const values: SourceCitationValue[] = [];
      results.forEach((page, typeIndex) => {
        for (const { entity } of page.items) {
          citationsOf(entity).forEach(([path, citation], i) => {
            if (citation.source !== source) return;
            const field = path.replace(/\.?citations\.\d+$/, '');
            values.push({ entity, field: field === '' ? null : field, quote: citation.quote, citation, key: [String(typeIndex), entity.slug, String(i).padStart(6, '0')] });
          });
        }
      });
      return listConnection(cursors, args, ORDER, values, (value) => value.key);
    },
  );
}
