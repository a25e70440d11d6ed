/**
 * Gives each bundle record its slug and decides whether the store already holds it.
 *
 * A record is the stored one (reused: what it adds is merged into the stored record) when
 * - the bundle says so with `sameAs` (format 2), or
 * - it has a stored record's slug, or
 * - it matches one by identity: for countries, places, organizations, people and topics a
 *   name or alias (or ISO code) in common, folded; for offices the same title in the same
 *   country (titles like "Foreign Minister" repeat across countries); for tenures the same
 *   person and office, unless the dates prove two terms (one starts after the other ended;
 *   a start or end that differs otherwise is a claim, `merge-records.ts`); for sources the same URL, or the same title and
 *   publication day; for meetings the same title and dates that overlap, or else the same event by
 *   the event score (`match-candidates.ts`) when that match is certain;
 * - for a tenure: the stored tenure of the same person in another office of the same
 *   organization that the sources attest over the same days. The two offices are then a
 *   conflict of the tenure's `office`, not a second tenure.
 * A near match that is not certain (a name near a stored one, an event that may be a
 * stored one) stops the import with the candidates and their scores, unless the bundle
 * settles it with `sameAs` or `distinctFrom`.
 */
import { attest } from '../domain/attestation';
import { overlaps } from '../domain/fuzzy-date';
import { foldText } from '../domain/fold-text';
import { slugify } from '../domain/slugify';
import type { EntityType, FuzzyDateRecord, MeetingRecord, RecordOf } from '../store/contract/records';
import type { BundleRecordOf } from './bundle';
import { IDENTITY_ORDER, type BundleEntry } from './bundle-entry';
import type { ImportProblem, MatchCandidate } from './import-problem';
import { certainEvent, eventCandidates, NEAR_NAME_TYPES, nearNameCandidates } from './match-candidates';
import { namesOf } from './name-index';
import type { ReferenceResolver } from './reference-resolver';

type Existing = { readonly [T in EntityType]: readonly RecordOf[T][] };
type Identified = { slug: string; derived: boolean; references: Record<string, string | null> };
type Settlement = { sameAs: string | null; distinctFrom: ReadonlySet<string> };

/** Sets `slug` and `reused` on every entry and registers each with the resolver, type by type. */
export function identifyRecords(entries: BundleEntry[], existing: Existing, resolver: ReferenceResolver, problems: ImportProblem[]): void {
  const storedSlugs = new Map(IDENTITY_ORDER.map((type) => [type, new Set((existing[type] as readonly { slug: string }[]).map((r) => r.slug))]));
  for (const type of IDENTITY_ORDER) {
    const newSlugs = new Map<string, BundleEntry>();
    for (const entry of entries.filter((e) => e.type === type)) {
      const identified = ownSlug(entry, existing, entries, resolver, problems);
      const settled = settlement(entry, resolver, problems);
      let match: string[];
      if (settled.sameAs !== null) {
        match = [settled.sameAs];
      } else if (storedSlugs.get(type)!.has(identified.slug)) {
        match = [identified.slug];
        if (settled.distinctFrom.has(identified.slug)) {
          problems.push({ path: `${entry.path}.slug`, message: `is the slug of the stored ${type} this record is distinct from: give it another slug` });
        }
      } else {
        match = storedMatches(entry, identified, existing, entries, resolver).filter((slug) => !settled.distinctFrom.has(slug));
        if (match.length === 0) match = nearMatch(entry, existing, entries, resolver, settled, problems);
      }
      if (match.length > 1) {
        const list = match.map((slug) => JSON.stringify(slug)).join(', ');
        problems.push({ path: entry.path, message: `matches ${match.length} stored ${type} records (${list}); give the slug of the one it is` });
      }
      entry.reused = match.length === 1;
      entry.slug = match.length === 1 ? match[0]! : identified.slug;
      if (!entry.reused && identified.slug !== '') {
        const first = newSlugs.get(entry.slug);
        if (first) {
          const how = identified.derived ? 'derived' : 'given';
          problems.push({ path: `${entry.path}.slug`, message: `the ${how} slug ${JSON.stringify(entry.slug)} is also the slug of ${first.path}: give one of them another slug` });
        } else {
          newSlugs.set(entry.slug, entry);
        }
      }
      const slugs = entry.input.slug === undefined ? [entry.slug] : [entry.input.slug, entry.slug];
      resolver.addBundleRecord(type, entry.slug, slugs, namesOf(type, entry.input));
    }
  }
}

/** The bundle's `sameAs` and `distinctFrom`, resolved among the stored records of the entry's type. */
function settlement(entry: BundleEntry, resolver: ReferenceResolver, problems: ImportProblem[]): Settlement {
  const input = entry.input as { sameAs?: string; distinctFrom?: string[] };
  const stored = (reference: string, field: string): string | null => {
    const found = resolver.storedFind(entry.type, reference);
    if (found.length === 1) return found[0]!;
    const why = found.length === 0 ? `no stored ${entry.type} has this slug or name` : `it names ${found.length} stored records; use a slug`;
    problems.push({ path: `${entry.path}.${field}`, message: `${JSON.stringify(reference)}: ${why}` });
    return null;
  };
  const sameAs = input.sameAs === undefined ? null : stored(input.sameAs, 'sameAs');
  const distinctFrom = new Set((input.distinctFrom ?? []).map((reference, i) => stored(reference, `distinctFrom[${i}]`)).filter((slug): slug is string => slug !== null));
  if (sameAs !== null && distinctFrom.has(sameAs)) problems.push({ path: `${entry.path}.distinctFrom`, message: `names ${JSON.stringify(sameAs)}, which sameAs says this record is` });
  return { sameAs, distinctFrom };
}

/**
 * The stored record a record with no exact match certainly is (an event), or none after
 * reporting the near matches that stop the import.
 */
function nearMatch(entry: BundleEntry, existing: Existing, entries: readonly BundleEntry[], resolver: ReferenceResolver, settled: Settlement, problems: ImportProblem[]): string[] {
  let candidates: MatchCandidate[];
  if (entry.type === 'Meeting') {
    candidates = eventCandidates(resolvedMeeting(entry.input as BundleRecordOf['Meeting'], resolver), existing.Meeting);
  } else if (entry.type === 'Tenure') {
    candidates = disputedTenures(entry.input as BundleRecordOf['Tenure'], tenureReferences(entry, resolver), existing, entries, resolver).possible;
  } else if (NEAR_NAME_TYPES.has(entry.type)) {
    candidates = nearNameCandidates<EntityType>(entry.type, namesOf(entry.type, entry.input), existing[entry.type], sameScope(entry, resolver));
  } else {
    return [];
  }
  candidates = candidates.filter((candidate) => !settled.distinctFrom.has(candidate.slug));
  if (candidates.length === 0) return [];
  if (entry.type === 'Meeting') {
    const certain = certainEvent(candidates);
    if (certain !== null) return [certain.slug];
  }
  const what =
    entry.type === 'Meeting'
      ? 'may be a stored event'
      : entry.type === 'Tenure'
        ? 'may be held at the same time as a stored tenure of the person in another office of the same organization (then the sources dispute the office)'
        : `has a name near that of a stored ${entry.type}`;
  problems.push({
    path: entry.path,
    message: `${what}: not merged and not created; say which with "sameAs": "<slug>" or "distinctFrom": ["<slug>", ...] (format 2)`,
    candidates,
  });
  return [];
}

/** Places, organizations and offices compare with those of the same country; people and countries with all. */
function sameScope(entry: BundleEntry, resolver: ReferenceResolver): (record: RecordOf[EntityType]) => boolean {
  if (entry.type !== 'Place' && entry.type !== 'Organization' && entry.type !== 'Office') return () => true;
  const reference = (entry.input as { country?: string | null }).country ?? null;
  const country = reference === null ? null : quietly((problems) => resolver.resolve('Country', reference, '', problems));
  return (record) => ((record as { country?: string | null }).country ?? null) === country;
}

/** A bundle meeting with its references resolved where they resolve (null elsewhere), to score it as an event. */
function resolvedMeeting(meeting: BundleRecordOf['Meeting'], resolver: ReferenceResolver): MeetingRecord {
  const one = (type: EntityType, reference: string | null) => (reference === null ? null : quietly((problems) => resolver.resolve(type, reference, '', problems)));
  return {
    ...(meeting as unknown as MeetingRecord),
    location: one('Place', meeting.location),
    format: one('Organization', meeting.format),
    countries: meeting.countries.map((country) => one('Country', country) ?? `?${country}`),
    participants: meeting.participants.map((p) => ({
      ...p,
      person: one('Person', p.person),
      office: one('Office', p.office),
      organization: one('Organization', p.organization),
      country: one('Country', p.country) ?? `?${p.country}`,
      citations: [],
    })),
  };
}

/** Resolves without reporting: identification only looks; translation reports what does not resolve. */
function quietly(resolve: (problems: ImportProblem[]) => string | null): string | null {
  return resolve([]);
}

/** The slug the record gives, or the one derived from its name, title, country, person or office. */
function ownSlug(entry: BundleEntry, existing: Existing, entries: BundleEntry[], resolver: ReferenceResolver, problems: ImportProblem[]): Identified {
  const references: Record<string, string | null> = {};
  const resolve = (field: string, type: EntityType, reference: string) =>
    (references[field] = resolver.resolve(type, reference, `${entry.path}.${field}`, problems));
  let base: string;
  switch (entry.type) {
    case 'Office': {
      const office = entry.input as BundleRecordOf['Office'];
      const country = resolve('country', 'Country', office.country);
      base = country === null ? office.title : `${country} ${office.title}`;
      break;
    }
    case 'Tenure': {
      const tenure = entry.input as BundleRecordOf['Tenure'];
      const person = resolve('person', 'Person', tenure.person);
      const office = resolve('office', 'Office', tenure.office);
      const title = office === null ? undefined : officeTitle(office, existing, entries);
      base = person === null || title === undefined ? '' : `${person} as ${title}`;
      break;
    }
    default: {
      const named = entry.input as { name?: string; title?: string };
      base = named.name ?? named.title ?? '';
    }
  }
  if (entry.input.slug !== undefined) return { slug: entry.input.slug, derived: false, references };
  const slug = slugify(base);
  // With an unresolved reference the problem is already reported; an empty slug from a name is its own problem.
  if (slug === '' && (entry.type !== 'Tenure' || base !== '')) {
    problems.push({ path: `${entry.path}.slug`, message: `cannot be derived from ${JSON.stringify(base)}, which has no letters or digits: give a slug` });
  }
  return { slug, derived: true, references };
}

/** Slugs of stored records that are this record by identity (see the file comment). */
function storedMatches(entry: BundleEntry, identified: Identified, existing: Existing, entries: readonly BundleEntry[], resolver: ReferenceResolver): string[] {
  const { references } = identified;
  switch (entry.type) {
    case 'Office': {
      const office = entry.input as BundleRecordOf['Office'];
      return existing.Office.filter((o) => o.country === references.country && sameText(o.title, office.title)).map((o) => o.slug);
    }
    case 'Tenure': {
      const tenure = entry.input as BundleRecordOf['Tenure'];
      // One tenure unless the dates prove two terms (one starts after the other ended); starts or ends that differ are claims.
      const same = existing.Tenure.filter((t) => t.person === references.person && t.office === references.office && !separateTerms(t, tenure)).map((t) => t.slug);
      return same.length > 0 ? same : disputedTenures(tenure, references, existing, entries, resolver).certain;
    }
    case 'Source': {
      const source = entry.input as BundleRecordOf['Source'];
      return existing.Source.filter((s) => (source.url !== null && s.url === source.url) || (sameText(s.title, source.title) && s.publishedOn === source.publishedOn)).map((s) => s.slug);
    }
    case 'Meeting': {
      const meeting = entry.input as BundleRecordOf['Meeting'];
      return existing.Meeting.filter((m) => sameText(m.title, meeting.title) && compatibleDates(m.date, meeting.date)).map((m) => m.slug);
    }
    default:
      return resolver.storedByName(entry.type, namesOf(entry.type, entry.input));
  }
}

function officeTitle(slug: string, existing: Existing, entries: BundleEntry[]): string | undefined {
  const entry = entries.find((e) => e.type === 'Office' && e.slug === slug);
  return (entry?.input as BundleRecordOf['Office'] | undefined)?.title ?? existing.Office.find((o) => o.slug === slug)?.title;
}

function sameText(a: string, b: string): boolean {
  return foldText(a) === foldText(b);
}

/** True when one tenure certainly starts after the other ended: two terms in one office. */
function separateTerms(a: Pick<RecordOf['Tenure'], 'start' | 'end'>, b: Pick<RecordOf['Tenure'], 'start' | 'end'>): boolean {
  const after = (x: typeof a, y: typeof a) => x.start?.earliest != null && y.end?.latest != null && x.start.earliest > y.end.latest;
  return after(a, b) || after(b, a);
}

/** Dates that may be one: either not given, or ranges that overlap. */
function compatibleDates(a: FuzzyDateRecord | null, b: FuzzyDateRecord | null): boolean {
  return a === null || b === null || overlaps(a, b.earliest, b.latest);
}

/**
 * Stored tenures of the same person in another office of the same organization that the
 * bundle's tenure may dispute: `certain` when the sources attest the stored tenure on days
 * the bundle shows the person in the other office (one of the two offices is wrong, so the
 * bundle's tenure is a claim on the stored one), `possible` when those days only fall
 * where the stored tenure may have been held (a later office, or a wrong title: the bundle
 * must say which).
 */
function disputedTenures(
  tenure: BundleRecordOf['Tenure'],
  references: Record<string, string | null>,
  existing: Existing,
  entries: readonly BundleEntry[],
  resolver: ReferenceResolver,
): { certain: string[]; possible: MatchCandidate[] } {
  const none = { certain: [], possible: [] };
  const person = references.person ?? null;
  const office = references.office ?? null;
  if (person === null || office === null) return none;
  const organization = officeOrganization(office, existing, entries, resolver);
  if (organization === null) return none;
  // The days the bundle shows the person in this office: its start and end, and its meetings.
  const shown: FuzzyDateRecord[] = [tenure.start, tenure.end].filter((date): date is FuzzyDateRecord => date !== null);
  for (const entry of entries) {
    if (entry.type !== 'Meeting') continue;
    const meeting = entry.input as BundleRecordOf['Meeting'];
    const there = meeting.participants.some(
      (p) => p.person !== null && p.office !== null && quietly((ps) => resolver.resolve('Person', p.person!, '', ps)) === person && quietly((ps) => resolver.resolve('Office', p.office!, '', ps)) === office,
    );
    if (there) shown.push(meeting.date);
  }
  if (shown.length === 0) return none;
  const sourceDates = new Map(existing.Source.map((source) => [source.slug, source.publishedOn]));
  const certain: string[] = [];
  const possible: MatchCandidate[] = [];
  for (const stored of existing.Tenure) {
    if (stored.person !== person || stored.office === office) continue;
    const storedOffice = existing.Office.find((o) => o.slug === stored.office);
    if (storedOffice?.organization !== organization) continue;
    const meetings = existing.Meeting.filter((m) => m.participants.some((p) => p.person === person && p.office === stored.office)).map((m) => m.date);
    const attested = attest(stored, meetings, stored.citations.map((c) => sourceDates.get(c.source) ?? null));
    if (attested.from !== null && shown.some((date) => overlaps(date, attested.from, attested.until))) {
      certain.push(stored.slug);
    } else if (shown.some((date) => overlaps(date, stored.start?.earliest ?? null, stored.end?.latest ?? null))) {
      const span = attested.from === null ? 'no day attested' : `attested ${attested.from} to ${attested.until}`;
      possible.push({ slug: stored.slug, name: `${person} as ${storedOffice.title}`, score: 0.5, reasons: [`same person, same organization`, `possibly held on the days shown (${span})`] });
    }
  }
  return { certain, possible };
}

/** A bundle tenure's person and office, resolved quietly. */
function tenureReferences(entry: BundleEntry, resolver: ReferenceResolver): Record<string, string | null> {
  const tenure = entry.input as BundleRecordOf['Tenure'];
  return {
    person: quietly((problems) => resolver.resolve('Person', tenure.person, '', problems)),
    office: quietly((problems) => resolver.resolve('Office', tenure.office, '', problems)),
  };
}

/** The organization of an office, whether stored or new in the bundle. */
function officeOrganization(slug: string, existing: Existing, entries: readonly BundleEntry[], resolver: ReferenceResolver): string | null {
  const stored = existing.Office.find((office) => office.slug === slug);
  if (stored) return stored.organization;
  const entry = entries.find((e) => e.type === 'Office' && e.slug === slug);
  const reference = (entry?.input as BundleRecordOf['Office'] | undefined)?.organization ?? null;
  return reference === null ? null : quietly((problems) => resolver.resolve('Organization', reference, '', problems));
}
