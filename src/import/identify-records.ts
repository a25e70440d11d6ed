/**
 * Gives each bundle record its slug and decides whether the store already holds it.
 *
 * A record is the stored one (reused, not written) when it has a stored record's slug,
 * or when it matches one by identity: for countries, places, organizations, people and
 * topics a name or alias (or ISO code) in common, folded; for offices the same title in
 * the same country (titles like "Foreign Minister" repeat across countries); for tenures
 * the same person, office and start; for sources the same URL, or the same title and
 * publication day; for meetings the same title and date.
 */
import { foldText } from '../domain/fold-text';
import { slugify } from '../domain/slugify';
import type { EntityType, FuzzyDateRecord, RecordOf } from '../store/contract/records';
import type { BundleRecordOf } from './bundle';
import { IDENTITY_ORDER, type BundleEntry } from './bundle-entry';
import type { ImportProblem } from './import-problem';
import { namesOf } from './name-index';
import type { ReferenceResolver } from './reference-resolver';

type Existing = { readonly [T in EntityType]: readonly RecordOf[T][] };
type Identified = { slug: string; derived: boolean; references: Record<string, string | null> };

/** Sets `slug` and `reused` on every entry and registers each with the resolver, type by type. */
export function identifyRecords(entries: BundleEntry[], existing: Existing, resolver: ReferenceResolver, problems: ImportProblem[]): void {
  const storedSlugs = new Map(IDENTITY_ORDER.map((type) => [type, new Set((existing[type] as readonly { slug: string }[]).map((r) => r.slug))]));
  for (const type of IDENTITY_ORDER) {
    const newSlugs = new Map<string, BundleEntry>();
    for (const entry of entries.filter((e) => e.type === type)) {
      const identified = ownSlug(entry, existing, entries, resolver, problems);
      const match = storedSlugs.get(type)!.has(identified.slug) ? [identified.slug] : storedMatches(entry, identified, existing, resolver);
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
function storedMatches(entry: BundleEntry, identified: Identified, existing: Existing, resolver: ReferenceResolver): string[] {
  const { references } = identified;
  switch (entry.type) {
    case 'Office': {
      const office = entry.input as BundleRecordOf['Office'];
      return existing.Office.filter((o) => o.country === references.country && sameText(o.title, office.title)).map((o) => o.slug);
    }
    case 'Tenure': {
      const tenure = entry.input as BundleRecordOf['Tenure'];
      return existing.Tenure.filter((t) => t.person === references.person && t.office === references.office && sameDate(t.start, tenure.start)).map((t) => t.slug);
    }
    case 'Source': {
      const source = entry.input as BundleRecordOf['Source'];
      return existing.Source.filter((s) => (source.url !== null && s.url === source.url) || (sameText(s.title, source.title) && s.publishedOn === source.publishedOn)).map((s) => s.slug);
    }
    case 'Meeting': {
      const meeting = entry.input as BundleRecordOf['Meeting'];
      return existing.Meeting.filter((m) => sameText(m.title, meeting.title) && sameDate(m.date, meeting.date)).map((m) => m.slug);
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

function sameDate(a: FuzzyDateRecord | null, b: FuzzyDateRecord | null): boolean {
  if (a === null || b === null) return a === b;
  return a.precision === b.precision && a.earliest === b.earliest && a.latest === b.latest;
}
