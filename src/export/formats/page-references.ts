/**
 * The records a page of meetings refers to (countries, people, offices, organizations,
 * places, topics, sources), read through the export's lookup in one batch per type (two
 * rounds: an office's organization and a source's publisher are known only after the
 * first), so that a format writes a page without a read per meeting.
 */
import type { CitationRecord, EntityType, ParticipantRecord, RecordOf } from '../../store/contract/records';
import type { ExportLookup } from '../export-format';
import { loadBySlug } from './lookup-batches';

type Referenced = 'Country' | 'Person' | 'Office' | 'Organization' | 'Place' | 'Topic' | 'Source';

/** The referenced records of one page, by type and slug. */
export class PageReferences {
  private constructor(private readonly records: { [T in Referenced]: Map<string, RecordOf[T]> }) {}

  /** Reads what `meetings` refer to. */
  static async load(meetings: readonly RecordOf['Meeting'][], lookup: ExportLookup): Promise<PageReferences> {
    const wanted: { [T in Referenced]: Set<string> } = {
      Country: new Set(),
      Person: new Set(),
      Office: new Set(),
      Organization: new Set(),
      Place: new Set(),
      Topic: new Set(),
      Source: new Set(),
    };
    const add = (type: Referenced, slug: string | null | undefined) => {
      if (slug != null) wanted[type].add(slug);
    };
    for (const meeting of meetings) {
      meeting.countries.forEach((country) => add('Country', country));
      add('Place', meeting.location);
      add('Organization', meeting.format);
      for (const participant of meeting.participants) {
        add('Country', participant.country);
        add('Person', participant.person);
        add('Office', participant.office);
        add('Organization', participant.organization);
      }
      meeting.topics.forEach((mention) => add('Topic', mention.topic));
      for (const citation of meeting.citations) {
        add('Source', citation.source);
        add('Source', citation.attributedTo);
      }
    }
    const records = { Country: new Map(), Person: new Map(), Office: new Map(), Organization: new Map(), Place: new Map(), Topic: new Map(), Source: new Map() } as {
      [T in Referenced]: Map<string, RecordOf[T]>;
    };
    const read = async (types: readonly Referenced[]) => {
      await Promise.all(
        types.map(async (type) => {
          const found = await loadBySlug(lookup, type as EntityType, [...wanted[type]].filter((slug) => !records[type].has(slug)).sort());
          for (const [slug, record] of found) (records[type] as Map<string, unknown>).set(slug, record);
        }),
      );
    };
    await read(['Country', 'Person', 'Office', 'Organization', 'Place', 'Topic', 'Source']);
    // Second round: what the first round's records refer to.
    for (const office of records.Office.values()) add('Organization', office.organization);
    for (const source of records.Source.values()) add('Organization', source.publisher);
    for (const place of records.Place.values()) add('Country', place.country);
    await read(['Organization', 'Country']);
    return new PageReferences(records);
  }

  get<T extends Referenced>(type: T, slug: string | null | undefined): RecordOf[T] | null {
    return slug == null ? null : ((this.records[type] as Map<string, RecordOf[T]>).get(slug) ?? null);
  }

  /** A country's ISO 3166-1 alpha-2 code (its slug when the record is missing). */
  isoCode(country: string): string {
    return this.get('Country', country)?.isoCode ?? country;
  }

  /**
   * How a participant is named: the person's name; without one, the office's title and
   * its country ("Foreign Minister (Kyrgyzstan)"), the organization's name, or the source's words.
   */
  participantName(participant: ParticipantRecord): string {
    const person = this.get('Person', participant.person);
    if (person) return person.name;
    const office = this.get('Office', participant.office);
    if (office) return `${office.title} (${this.get('Country', office.country)?.name ?? office.country})`;
    return this.get('Organization', participant.organization)?.name ?? participant.label ?? participant.person ?? participant.office ?? participant.organization ?? '';
  }

  /** The distinct sources of `citations` (with the sources they relay), in order of first citation. */
  sourcesOf(citations: readonly CitationRecord[]): RecordOf['Source'][] {
    const slugs = new Set(citations.flatMap((citation) => [citation.source, ...(citation.attributedTo ? [citation.attributedTo] : [])]));
    return [...slugs].flatMap((slug) => this.get('Source', slug) ?? []);
  }
}

/** The distinct quotes of `citations`, verbatim, in order. */
export function quotesOf(citations: readonly CitationRecord[]): string[] {
  return [...new Set(citations.map((citation) => citation.quote))];
}
