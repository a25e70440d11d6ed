/**
 * The Popolo export (popoloproject.com, JSON serialization): one JSON document
 * `{ "events", "persons", "organizations", "posts", "memberships", "areas" }`. Meetings are
 * events, written page by page as they come; what they refer to is written once at the end
 * (people, organizations, offices as posts, tenures as memberships, countries and places as
 * areas), read through the lookup in batches, so the writer keeps slugs, never meetings.
 *
 * Popolo dates are ISO 8601 reduced dates, so a fuzzy date is written as the finest one that
 * holds its whole range (reduced-date.ts) and kept exactly under `extra` (Popolo's pattern
 * for properties outside the specification); citations are `sources` links whose `note` is
 * the verbatim quote. The mapping, and what Popolo cannot carry: docs/export-mappings/popolo.md.
 */
import type { CitationRecord, FuzzyDateRecord, NameRecord, RecordOf } from '../../store/contract/records';
import type { ExportFormat, ExportLookup, ExportWriter } from '../export-format';
import { batchesOf, citedSources, loadBySlug, meetingCitations } from './lookup-batches';
import { reducedDate } from './reduced-date';

type Json = Record<string, unknown>;
type Sources = Map<string, RecordOf['Source']>;

/** The URL a link gives for a source without one: a URN naming it by its slug. */
export function sourceUrn(slug: string): string {
  return `urn:entente:source:${slug}`;
}

/** Popolo `sources`: one link per citation, its note the verbatim quote. */
function links(citations: readonly CitationRecord[], sources: Sources): Json[] {
  return citations.map((citation) => {
    const extra: Json = { source_id: citation.source };
    if (citation.attributedTo !== undefined) extra.attributed_to_id = citation.attributedTo;
    return { url: sources.get(citation.source)?.url ?? sourceUrn(citation.source), note: citation.quote, extra };
  });
}

/** A fuzzy date as Entente holds it, for `extra`. */
function exactDate(date: FuzzyDateRecord | null): Json | null {
  return date === null ? null : { label: date.label, earliest: date.earliest, latest: date.latest, precision: date.precision };
}

/** Popolo `other_names`: the aliases, then the names in a stated language (`lang`, as EveryPolitician writes them). */
function otherNames(aliases: readonly string[], names: readonly NameRecord[] | undefined): Json[] {
  return [...aliases.map((name) => ({ name })), ...(names ?? []).map((name) => ({ name: name.value, lang: name.lang }))];
}

/** Drops the properties that hold nothing (null, undefined, an empty list or object): Popolo leaves out what is not known. */
function compact(object: Json): Json {
  const holdsSomething = (value: unknown) =>
    value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0) && !(typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);
  return Object.fromEntries(Object.entries(object).filter(([, value]) => holdsSomething(value)));
}

/** The slugs of what the exported meetings refer to, by type: all the writer keeps between pages. */
class Referenced {
  readonly people = new Set<string>();
  readonly offices = new Set<string>();
  readonly organizations = new Set<string>();
  readonly countries = new Set<string>();
  readonly places = new Set<string>();

  addMeeting(meeting: RecordOf['Meeting']): void {
    for (const participant of meeting.participants) {
      if (participant.person !== null) this.people.add(participant.person);
      if (participant.office !== null) this.offices.add(participant.office);
      if (participant.organization !== null) this.organizations.add(participant.organization);
      this.countries.add(participant.country);
    }
    for (const country of meeting.countries) this.countries.add(country);
    if (meeting.format !== null) this.organizations.add(meeting.format);
    if (meeting.location !== null) this.places.add(meeting.location);
  }
}

/** A meeting as a Popolo event: the named people as its attendees, every participant under `extra`. */
function event(meeting: RecordOf['Meeting'], people: Map<string, RecordOf['Person']>, places: Map<string, RecordOf['Place']>, sources: Sources): Json {
  const date = reducedDate(meeting.date);
  const attendees = [...new Set(meeting.participants.flatMap((p) => (p.person === null ? [] : [p.person])))].map((slug) =>
    compact({ id: slug, name: people.get(slug)?.name }),
  );
  return compact({
    id: meeting.slug,
    name: meeting.title,
    description: meeting.summary,
    classification: meeting.kind,
    start_date: date,
    end_date: date,
    location: meeting.location === null ? null : places.get(meeting.location)?.name,
    organization_id: meeting.format,
    parent_id: meeting.partOf,
    attendees,
    sources: links(meeting.citations, sources),
    extra: compact({
      date: exactDate(meeting.date),
      location_id: meeting.location === null ? null : placeAreaId(meeting.location),
      area_ids: meeting.countries,
      participants: meeting.participants.map((p) =>
        compact({ person_id: p.person, post_id: p.office, organization_id: p.organization, area_id: p.country, role: p.role, label: p.label, sources: links(p.citations, sources) }),
      ),
      topics: meeting.topics.map((t) => ({ id: t.topic, sources: links(t.citations, sources) })),
      coding: compact({ cameo: meeting.coding.cameo, plover_category: meeting.coding.ploverCategory, plover_mode: meeting.coding.ploverMode }),
      outcomes: meeting.outcomes.map((o) => compact({ description: o.description, cameo: o.cameo, plover_category: o.ploverCategory, sources: links(o.citations, sources) })),
    }),
  });
}

class PopoloWriter implements ExportWriter {
  private readonly referenced = new Referenced();
  private wroteEvent = false;

  begin(): string {
    return '{"events":[';
  }

  async page(meetings: readonly RecordOf['Meeting'][], lookup: ExportLookup): Promise<string> {
    for (const meeting of meetings) this.referenced.addMeeting(meeting);
    const [people, places, sources] = await Promise.all([
      loadBySlug(lookup, 'Person', meetings.flatMap((m) => m.participants.flatMap((p) => (p.person === null ? [] : [p.person])))),
      loadBySlug(lookup, 'Place', meetings.flatMap((m) => (m.location === null ? [] : [m.location]))),
      loadBySlug(lookup, 'Source', meetings.flatMap((m) => citedSources(meetingCitations(m)))),
    ]);
    const events = meetings.map((meeting) => JSON.stringify(event(meeting, people, places, sources)));
    const separator = this.wroteEvent ? ',\n' : '\n';
    this.wroteEvent = true;
    return separator + events.join(',\n');
  }

  async end(lookup: ExportLookup): Promise<string> {
    // In this order, as each step adds what its records refer to: people bring tenures and
    // countries, tenures offices, offices organizations, organizations parents, places countries.
    const { persons, tenures } = await writePersons(this.referenced, lookup);
    const { posts, offices } = await writePosts(this.referenced, lookup);
    const memberships = await writeMemberships(tenures, offices, lookup);
    const organizations = await writeOrganizations(this.referenced, lookup);
    const areas = await writeAreas(this.referenced, lookup);
    const list = (name: string, lines: readonly string[]) => `,\n"${name}":[${lines.length === 0 ? '' : `\n${lines.join(',\n')}`}]`;
    return `]${list('persons', persons)}${list('organizations', organizations)}${list('posts', posts)}${list('memberships', memberships)}${list('areas', areas)}}\n`;
  }
}

/** The people, and their tenures (kept until the posts are read: one record per tenure, never per meeting). */
async function writePersons(referenced: Referenced, lookup: ExportLookup): Promise<{ persons: string[]; tenures: RecordOf['Tenure'][] }> {
  const persons: string[] = [];
  const tenures: RecordOf['Tenure'][] = [];
  for (const batch of batchesOf(referenced.people)) {
    const [records, tenuresOf] = await Promise.all([loadBySlug(lookup, 'Person', batch), lookup.tenuresOf(batch)]);
    const held = tenuresOf.flat();
    const sources = await loadBySlug(lookup, 'Source', [...records.values(), ...held].flatMap((r) => citedSources(r.citations)));
    for (const person of records.values()) {
      if (person.country !== null) referenced.countries.add(person.country);
      const json = { id: person.slug, name: person.name, other_names: otherNames(person.aliases, person.names), sources: links(person.citations, sources), extra: compact({ area_id: person.country }) };
      persons.push(JSON.stringify(compact(json)));
    }
    for (const tenure of held) referenced.offices.add(tenure.office);
    tenures.push(...held);
  }
  return { persons, tenures };
}

/** The offices as posts, and each one's organization and title, which its memberships name. */
async function writePosts(referenced: Referenced, lookup: ExportLookup): Promise<{ posts: string[]; offices: Map<string, Pick<RecordOf['Office'], 'organization' | 'title'>> }> {
  const posts: string[] = [];
  const offices = new Map<string, Pick<RecordOf['Office'], 'organization' | 'title'>>();
  for (const batch of batchesOf(referenced.offices)) {
    const records = await loadBySlug(lookup, 'Office', batch);
    const sources = await loadBySlug(lookup, 'Source', [...records.values()].flatMap((r) => citedSources(r.citations)));
    for (const office of records.values()) {
      offices.set(office.slug, { organization: office.organization, title: office.title });
      if (office.organization !== null) referenced.organizations.add(office.organization);
      referenced.countries.add(office.country);
      posts.push(JSON.stringify(compact({ id: office.slug, label: office.title, organization_id: office.organization, area_id: office.country, sources: links(office.citations, sources) })));
    }
  }
  return { posts, offices };
}

/** The tenures as memberships of their office's organization, holding its post. */
async function writeMemberships(tenures: RecordOf['Tenure'][], offices: Map<string, Pick<RecordOf['Office'], 'organization' | 'title'>>, lookup: ExportLookup): Promise<string[]> {
  const sources = await loadBySlug(lookup, 'Source', tenures.flatMap((t) => citedSources(t.citations)));
  return tenures
    .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    .map((tenure) =>
      JSON.stringify(
        compact({
          id: tenure.slug,
          person_id: tenure.person,
          post_id: tenure.office,
          organization_id: offices.get(tenure.office)?.organization,
          role: offices.get(tenure.office)?.title,
          start_date: reducedDate(tenure.start),
          end_date: reducedDate(tenure.end),
          sources: links(tenure.citations, sources),
          extra: { start: exactDate(tenure.start), end: exactDate(tenure.end) },
        }),
      ),
    );
}

/** The organizations, with their parents and their parents' parents until none is new, sorted by slug. */
async function writeOrganizations(referenced: Referenced, lookup: ExportLookup): Promise<string[]> {
  const { organizations, countries } = referenced;
  const lines = new Map<string, string>();
  let pending = [...organizations];
  while (pending.length > 0) {
    const next: string[] = [];
    for (const batch of batchesOf(pending)) {
      const records = await loadBySlug(lookup, 'Organization', batch);
      const sources = await loadBySlug(lookup, 'Source', [...records.values()].flatMap((r) => citedSources(r.citations)));
      for (const organization of records.values()) {
        if (organization.parent !== null && !organizations.has(organization.parent)) {
          organizations.add(organization.parent);
          next.push(organization.parent);
        }
        if (organization.country !== null) countries.add(organization.country);
        for (const member of organization.memberCountries) countries.add(member);
        const json = {
          id: organization.slug,
          name: organization.name,
          other_names: otherNames(organization.aliases, organization.names),
          classification: organization.kind,
          parent_id: organization.parent,
          area_id: organization.country,
          sources: links(organization.citations, sources),
          extra: organization.memberCountries.length > 0 ? { member_area_ids: organization.memberCountries } : null,
        };
        lines.set(organization.slug, JSON.stringify(compact(json)));
      }
    }
    pending = next;
  }
  return [...lines.keys()].sort().map((slug) => lines.get(slug)!);
}

/**
 * A place's id among the areas: `place:` and its slug, since a place and a country may
 * share a slug (Georgia, the country and the US state; Singapore) and Popolo keeps both
 * in `areas`. A country's id is its slug.
 */
export function placeAreaId(slug: string): string {
  return `place:${slug}`;
}

/** The places, within their countries, then the countries, as areas. */
async function writeAreas(referenced: Referenced, lookup: ExportLookup): Promise<string[]> {
  const areas: string[] = [];
  for (const batch of batchesOf(referenced.places)) {
    const records = await loadBySlug(lookup, 'Place', batch);
    const sources = await loadBySlug(lookup, 'Source', [...records.values()].flatMap((r) => citedSources(r.citations ?? [])));
    for (const place of records.values()) {
      referenced.countries.add(place.country);
      areas.push(JSON.stringify(compact({ id: placeAreaId(place.slug), name: place.name, classification: place.kind.toLowerCase(), parent_id: place.country, sources: links(place.citations ?? [], sources) })));
    }
  }
  for (const batch of batchesOf(referenced.countries)) {
    const records = await loadBySlug(lookup, 'Country', batch);
    const sources = await loadBySlug(lookup, 'Source', [...records.values()].flatMap((r) => citedSources(r.citations ?? [])));
    for (const country of records.values()) {
      areas.push(JSON.stringify({ id: country.slug, name: country.name, identifier: country.isoCode, classification: 'country', sources: links(country.citations ?? [], sources) }));
    }
  }
  return areas;
}

export const popoloFormat: ExportFormat = {
  name: 'popolo',
  contentType: 'application/json',
  extension: 'json',
  description: 'Popolo JSON: events (the meetings), then the persons, organizations, posts (offices), memberships (tenures) and areas (countries, places) they refer to',
  create: () => new PopoloWriter(),
};
