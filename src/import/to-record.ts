/**
 * Turns a bundle record into the record the store keeps: references resolved to slugs,
 * citations without a source pointed at the article, defaults filled in, fields in the
 * order of `data/*.json`.
 */
import type { CitationRecord, EntityType, NameRecord, RecordOf } from '../store/contract/records';
import type { BundleCitation, BundleRecordOf } from './bundle';
import type { BundleEntry } from './bundle-entry';
import type { ImportProblem } from './import-problem';
import type { ReferenceResolver } from './reference-resolver';

/** What the translation needs besides the record. */
export interface Translation {
  resolver: ReferenceResolver;
  /** The article's slug: the source of citations that name none. */
  article: string;
  problems: ImportProblem[];
  /**
   * Stands in for a reference that did not resolve (already a problem), so the rest of
   * the record can still be checked; returns a slug the checks know to skip.
   */
  placeholder(type: EntityType): string;
}

/** The storage record of a bundle entry. */
export function toRecord(entry: BundleEntry, t: Translation): RecordOf[EntityType] {
  const one = (type: EntityType, reference: string, field: string): string =>
    t.resolver.resolve(type, reference, `${entry.path}.${field}`, t.problems) ?? t.placeholder(type);
  const optional = (type: EntityType, reference: string | null, field: string): string | null => (reference === null ? null : one(type, reference, field));
  const list = (type: EntityType, references: readonly string[], field: string): string[] => references.map((r, i) => one(type, r, `${field}[${i}]`));
  const cite = (citations: readonly BundleCitation[], field: string): CitationRecord[] =>
    citations.map((c, i) => ({
      source: c.source === undefined ? t.article : one('Source', c.source, `${field}[${i}].source`),
      quote: c.quote,
      ...(c.attributedTo == null ? {} : { attributedTo: one('Source', c.attributedTo, `${field}[${i}].attributedTo`) }),
    }));
  // Optional on countries and places: none is left out, as records without them are written.
  const referenceCitations = (citations: readonly BundleCitation[] | undefined) => (citations?.length ? { citations: cite(citations, 'citations') } : {});
  const { slug } = entry;

  switch (entry.type) {
    case 'Country': {
      const r = entry.input as BundleRecordOf['Country'];
      return {
        slug,
        name: r.name,
        aliases: r.aliases,
        ...withNames(r),
        isoCode: r.isoCode,
        ...(r.isoCode3 === undefined ? {} : { isoCode3: r.isoCode3 }),
        capital: optional('Place', r.capital, 'capital'),
        ...referenceCitations(r.citations),
      };
    }
    case 'Place': {
      const r = entry.input as BundleRecordOf['Place'];
      return {
        slug,
        name: r.name,
        aliases: r.aliases,
        ...withNames(r),
        kind: r.kind,
        country: one('Country', r.country, 'country'),
        ...(r.coordinates === undefined ? {} : { coordinates: r.coordinates }),
        ...(r.geonamesId === undefined ? {} : { geonamesId: r.geonamesId }),
        ...referenceCitations(r.citations),
      };
    }
    case 'Organization': {
      const r = entry.input as BundleRecordOf['Organization'];
      return {
        slug,
        name: r.name,
        aliases: r.aliases,
        ...withNames(r),
        kind: r.kind,
        country: optional('Country', r.country, 'country'),
        parent: optional('Organization', r.parent, 'parent'),
        memberCountries: list('Country', r.memberCountries, 'memberCountries'),
        citations: cite(r.citations, 'citations'),
      };
    }
    case 'Person': {
      const r = entry.input as BundleRecordOf['Person'];
      return { slug, name: r.name, aliases: r.aliases, ...withNames(r), country: optional('Country', r.country, 'country'), citations: cite(r.citations, 'citations') };
    }
    case 'Office': {
      const r = entry.input as BundleRecordOf['Office'];
      return {
        slug,
        title: r.title,
        organization: optional('Organization', r.organization, 'organization'),
        country: one('Country', r.country, 'country'),
        citations: cite(r.citations, 'citations'),
      };
    }
    case 'Tenure': {
      const r = entry.input as BundleRecordOf['Tenure'];
      return {
        slug,
        person: one('Person', r.person, 'person'),
        office: one('Office', r.office, 'office'),
        start: r.start,
        end: r.end,
        citations: cite(r.citations, 'citations'),
      };
    }
    case 'Topic': {
      const r = entry.input as BundleRecordOf['Topic'];
      return { slug, name: r.name, aliases: r.aliases, ...withNames(r), parent: optional('Topic', r.parent, 'parent') };
    }
    case 'Source': {
      const r = entry.input as BundleRecordOf['Source'];
      return {
        slug,
        title: r.title,
        kind: r.kind,
        publisher: optional('Organization', r.publisher, 'publisher'),
        publishedOn: r.publishedOn,
        url: r.url,
        dateline: optional('Place', r.dateline, 'dateline'),
        cites: list('Source', r.cites, 'cites'),
        // The store sets it again from the text it is given: this is where the text will be.
        textFile: r.text === undefined ? null : `sources/${slug}.txt`,
      };
    }
    case 'Meeting': {
      const r = entry.input as BundleRecordOf['Meeting'];
      const citations = cite(r.citations, 'citations');
      const dateCitations = r.dateCitations === undefined ? citations : cite(r.dateCitations, 'dateCitations');
      return {
        slug,
        title: r.title,
        kind: r.kind,
        date: r.date,
        // The date's own quotes make it a claim of its own; cited by the meeting's citations it is implied (see records.ts).
        ...(JSON.stringify(dateCitations) === JSON.stringify(citations) ? {} : { dateClaims: [{ date: r.date, citations: dateCitations }] }),
        location: optional('Place', r.location, 'location'),
        countries: list('Country', r.countries, 'countries'),
        format: optional('Organization', r.format, 'format'),
        partOf: optional('Meeting', r.partOf, 'partOf'),
        ...(r.relations.length === 0
          ? {}
          : {
              relations: r.relations.map((relation, i) => ({
                relation: relation.relation,
                meeting: one('Meeting', relation.meeting, `relations[${i}].meeting`),
                citations: cite(relation.citations, `relations[${i}].citations`),
              })),
            }),
        coding: { cameo: r.coding.cameoCode, ploverCategory: r.coding.ploverCategory, ploverMode: r.coding.ploverMode },
        participants: r.participants.map((p, i) => {
          const at = `participants[${i}]`;
          return {
            person: optional('Person', p.person, `${at}.person`),
            office: optional('Office', p.office, `${at}.office`),
            organization: optional('Organization', p.organization, `${at}.organization`),
            country: one('Country', p.country, `${at}.country`),
            role: p.role,
            label: p.label,
            citations: cite(p.citations, `${at}.citations`),
          };
        }),
        topics: r.topics.map((m, i) => ({ topic: one('Topic', m.topic, `topics[${i}].topic`), citations: cite(m.citations, `topics[${i}].citations`) })),
        outcomes: r.outcomes.map((o, i) => ({
          description: o.description,
          cameo: o.cameoCode,
          ...(o.ploverCategory == null ? {} : { ploverCategory: o.ploverCategory }),
          citations: cite(o.citations, `outcomes[${i}].citations`),
        })),
        summary: r.summary,
        citations,
      };
    }
  }
}

/** The record's names in other languages, left out when it has none (as records written before them read). */
function withNames(record: { names?: NameRecord[] }): { names?: NameRecord[] } {
  return record.names === undefined ? {} : { names: record.names };
}
