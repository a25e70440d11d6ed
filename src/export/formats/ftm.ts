/**
 * The FollowTheMoney export (the entity model of OpenSanctions and Aleph): one entity per
 * line, `{ "id", "schema", "properties": { name: [values] } }`, as FtM's tools read and write
 * `.ftm.json` files. Meetings are `Event`s; the people, organizations (`PublicBody` for the
 * state's own bodies), offices (`Position`) and tenures (`Occupancy`) they refer to are
 * written once each, on the page of the first meeting that refers to them and before its
 * events, each after the entities it names, so a reader meets an entity before any
 * reference to it. The writer keeps the ids
 * it wrote (bounded by the number of entities) and a country's ISO code, never meetings.
 *
 * FtM dates are ISO 8601 prefixes, so a fuzzy date is written as the finest one that holds
 * its whole range (reduced-date.ts) and given exactly in `description`; each verbatim quote
 * is a `notes` value, and the cited sources' URLs `sourceUrl`. The mapping, and what FtM
 * cannot carry: docs/export-mappings/ftm.md.
 */
import type { OrganizationKind } from '../../domain/vocabularies';
import type { CitationRecord, EntityType, FuzzyDateRecord, NameRecord, RecordOf } from '../../store/contract/records';
import type { ExportFormat, ExportLookup, ExportWriter } from '../export-format';
import { citedSources, loadBySlug, meetingCitations } from './lookup-batches';
import { reducedDate } from './reduced-date';

/** One FtM entity as its JSON lines hold it. */
export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

/** The FtM id of an Entente record: a dataset prefix, the record's type and its slug. */
export function ftmId(type: EntityType, slug: string): string {
  return `entente-${type.toLowerCase()}-${slug}`;
}

/** The organization kinds that are a state's own bodies: FtM's `PublicBody` ("a ministry, department or state company"). */
const PUBLIC_BODY_KINDS: ReadonlySet<OrganizationKind> = new Set<OrganizationKind>(['GOVERNMENT', 'MINISTRY', 'EXECUTIVE_OFFICE', 'LEGISLATURE']);

type Sources = Map<string, RecordOf['Source']>;
type Values = (string | null | undefined)[];

/** An entity with the given properties, each kept once, in order, without empty values; properties without values left out. */
function entity(id: string, schema: string, properties: Record<string, Values>): FtmEntity {
  const kept: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(properties)) {
    const distinct = [...new Set(values.filter((value): value is string => value != null && value !== ''))];
    if (distinct.length > 0) kept[name] = distinct;
  }
  return { id, schema, properties: kept };
}

/**
 * The provenance properties of cited facts: each quote verbatim in `notes` (in `summary` on
 * an Occupancy, an Interval, which has no `notes`), the sources' URLs in `sourceUrl`.
 */
function provenance(citations: readonly CitationRecord[], sources: Sources, quotes: 'notes' | 'summary' = 'notes'): Record<string, Values> {
  return { [quotes]: citations.map((c) => c.quote), sourceUrl: citations.map((c) => sources.get(c.source)?.url) };
}

/** A fuzzy date told in words with its exact bounds, for `description`. */
function dateInWords(what: string, date: FuzzyDateRecord | null): string {
  if (date === null) return `${what}: not stated`;
  return `${what}: ${date.label} (${date.precision}, earliest ${date.earliest ?? 'unknown'}, latest ${date.latest ?? 'unknown'})`;
}

/** FtM `alias`: the aliases, then the names in other languages. */
function aliases(record: { aliases: string[]; names?: NameRecord[] }): string[] {
  return [...record.aliases, ...(record.names ?? []).map((name) => name.value)];
}

/** `organizations` ordered so that a parent among them comes before its children, so every reference points back. */
function parentsFirst(organizations: readonly RecordOf['Organization'][]): RecordOf['Organization'][] {
  const bySlug = new Map(organizations.map((organization) => [organization.slug, organization]));
  const ordered: RecordOf['Organization'][] = [];
  const placed = new Set<string>();
  const place = (organization: RecordOf['Organization']): void => {
    if (placed.has(organization.slug)) return;
    placed.add(organization.slug);
    const parent = organization.parent === null ? undefined : bySlug.get(organization.parent);
    if (parent !== undefined) place(parent);
    ordered.push(organization);
  };
  organizations.forEach(place);
  return ordered;
}

class FtmWriter implements ExportWriter {
  /** The ids of the entities written other than events, so each is written once. */
  private readonly written = new Set<string>();
  /** Lower-case ISO 3166-1 alpha-2 codes by country slug, FtM's country values (a few hundred at most). */
  private readonly isoCodes = new Map<string, string>();

  begin(): string {
    return '';
  }

  async page(meetings: readonly RecordOf['Meeting'][], lookup: ExportLookup): Promise<string> {
    const { organizations, offices, people, tenures, countries } = await this.newlyReferenced(meetings, lookup);
    const unknownCountries = [...countries].filter((slug) => !this.isoCodes.has(slug));
    for (const country of (await loadBySlug(lookup, 'Country', unknownCountries)).values()) this.isoCodes.set(country.slug, country.isoCode.toLowerCase());
    const iso = (slug: string | null) => (slug === null ? null : this.isoCodes.get(slug));
    const [places, topics, sources] = await Promise.all([
      loadBySlug(lookup, 'Place', meetings.flatMap((m) => (m.location === null ? [] : [m.location]))),
      loadBySlug(lookup, 'Topic', meetings.flatMap((m) => m.topics.map((t) => t.topic))),
      loadBySlug(lookup, 'Source', [
        ...meetings.flatMap((m) => citedSources(meetingCitations(m))),
        ...[...organizations, ...offices, ...people, ...tenures].flatMap((r) => citedSources(r.citations)),
      ]),
    ]);

    const out: FtmEntity[] = [];
    for (const organization of parentsFirst(organizations)) {
      out.push(
        entity(ftmId('Organization', organization.slug), PUBLIC_BODY_KINDS.has(organization.kind) ? 'PublicBody' : 'Organization', {
          name: [organization.name],
          alias: aliases(organization),
          classification: [organization.kind],
          country: [iso(organization.country), ...organization.memberCountries.map(iso)],
          parent: [organization.parent === null ? null : ftmId('Organization', organization.parent)],
          ...provenance(organization.citations, sources),
        }),
      );
    }
    for (const office of offices) {
      out.push(
        entity(ftmId('Office', office.slug), 'Position', {
          name: [office.title],
          country: [iso(office.country)],
          organization: [office.organization === null ? null : ftmId('Organization', office.organization)],
          ...provenance(office.citations, sources),
        }),
      );
    }
    for (const person of people) {
      out.push(entity(ftmId('Person', person.slug), 'Person', { name: [person.name], alias: aliases(person), country: [iso(person.country)], ...provenance(person.citations, sources) }));
    }
    for (const tenure of tenures) {
      out.push(
        entity(ftmId('Tenure', tenure.slug), 'Occupancy', {
          holder: [ftmId('Person', tenure.person)],
          post: [ftmId('Office', tenure.office)],
          startDate: [reducedDate(tenure.start)],
          endDate: [reducedDate(tenure.end)],
          description: [`${dateInWords('start', tenure.start)}; ${dateInWords('end', tenure.end)}`],
          ...provenance(tenure.citations, sources, 'summary'),
        }),
      );
    }
    for (const meeting of meetings) {
      const location = meeting.location === null ? null : places.get(meeting.location);
      out.push(
        entity(ftmId('Meeting', meeting.slug), 'Event', {
          name: [meeting.title],
          summary: [meeting.summary],
          date: [reducedDate(meeting.date)],
          description: [dateInWords('date', meeting.date)],
          location: [location?.name],
          country: meeting.countries.map(iso),
          involved: meeting.participants.flatMap((p) => [p.person === null ? null : ftmId('Person', p.person), p.organization === null ? null : ftmId('Organization', p.organization)]),
          organizer: [meeting.format === null ? null : ftmId('Organization', meeting.format)],
          keywords: meeting.topics.map((t) => topics.get(t.topic)?.name),
          recordId: [meeting.slug],
          ...provenance(meetingCitations(meeting), sources),
        }),
      );
    }
    // Events are written once by the paging itself: remembering their ids would grow with the meetings.
    for (const written of out) if (written.schema !== 'Event') this.written.add(written.id);
    return out.map((line) => `${JSON.stringify(line)}\n`).join('');
  }

  /**
   * The records `meetings` refer to that are not written yet: their people, those people's
   * tenures, the offices of both, the organizations of participants, formats and offices
   * with their parents; and the slugs of every country any of them names.
   */
  private async newlyReferenced(meetings: readonly RecordOf['Meeting'][], lookup: ExportLookup) {
    const isNew = (type: EntityType, slug: string | null): slug is string => slug !== null && !this.written.has(ftmId(type, slug));
    const people = new Set<string>();
    const offices = new Set<string>();
    const organizations = new Set<string>();
    const countries = new Set<string>();
    for (const meeting of meetings) {
      for (const p of meeting.participants) {
        if (isNew('Person', p.person)) people.add(p.person);
        if (isNew('Office', p.office)) offices.add(p.office);
        if (isNew('Organization', p.organization)) organizations.add(p.organization);
        countries.add(p.country);
      }
      if (isNew('Organization', meeting.format)) organizations.add(meeting.format);
      for (const country of meeting.countries) countries.add(country);
    }

    const [personRecords, tenuresOf] = await Promise.all([loadBySlug(lookup, 'Person', people), lookup.tenuresOf([...people])]);
    for (const person of personRecords.values()) if (person.country !== null) countries.add(person.country);
    const tenures = tenuresOf.flat().filter((t) => isNew('Tenure', t.slug));
    for (const tenure of tenures) if (isNew('Office', tenure.office)) offices.add(tenure.office);
    const officeRecords = await loadBySlug(lookup, 'Office', offices);
    for (const office of officeRecords.values()) {
      if (isNew('Organization', office.organization)) organizations.add(office.organization);
      countries.add(office.country);
    }
    const organizationRecords: RecordOf['Organization'][] = [];
    for (let pending = [...organizations]; pending.length > 0; ) {
      const loaded = await loadBySlug(lookup, 'Organization', pending);
      pending = [];
      for (const organization of loaded.values()) {
        organizationRecords.push(organization);
        if (isNew('Organization', organization.parent) && !organizations.has(organization.parent)) {
          organizations.add(organization.parent);
          pending.push(organization.parent);
        }
        if (organization.country !== null) countries.add(organization.country);
        for (const member of organization.memberCountries) countries.add(member);
      }
    }
    return { organizations: organizationRecords, offices: [...officeRecords.values()], people: [...personRecords.values()], tenures, countries };
  }

  async end(): Promise<string> {
    return '';
  }
}

export const ftmFormat: ExportFormat = {
  name: 'ftm',
  contentType: 'application/x-ndjson',
  extension: 'ftm.json',
  description: 'FollowTheMoney entities, one per line: Event (the meetings), Person, Organization and PublicBody, Position (offices), Occupancy (tenures)',
  create: () => new FtmWriter(),
};
