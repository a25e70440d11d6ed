/**
 * Plans the import of a bundle: given the bundle and the records already stored, either
 * the store changes that add what is new, or every problem that stops the import. Pure:
 * nothing is read or written here.
 *
 * The plan is checked with the store's own rules (`recordProblems`) before anything is
 * written, so that unresolved names, bad quotes and broken references come back
 * together, each at its bundle path. The store checks the changes again when it applies
 * them, all or none.
 *
 * A record the store already holds (see `identify-records.ts`) is merged: what the
 * bundle's version adds (citations, names, participants, claims; `merge-records.ts`)
 * becomes one update of the stored record, after all creates, so it may refer to them.
 *
 * A bundle that cites an installed reference dataset (reference-source.ts) the store does
 * not hold yet creates it first: its text comes from the package, not the bundle.
 *
 * Creation order: by type (countries, places, sources, organizations, people, offices,
 * tenures, topics, meetings), within a type in bundle order, which is the order of the
 * records in the data files. A store change may refer only to records that exist when it
 * is applied, so a reference that points forward (a country's capital, a source's
 * publisher and the sources it cites, a parent organization or topic, the meeting a
 * meeting is part of, a country's or place's citations of a source created after it) is
 * left empty on creation and set by an update after all creates.
 */
import type { SourceKind } from '../domain/vocabularies';
import { ENTITY_FILES, type CitationRecord, type EntityType, type RecordOf } from '../store/contract/records';
import type { ChangeRequest } from '../store/contract/store';
import { recordProblems, type RecordLookup } from '../store/contract/validate';
import type { Bundle } from './bundle';
import { bundleEntries, type BundleEntry } from './bundle-entry';
import { identifyRecords } from './identify-records';
import { mergePatch } from './merge-records';
import type { ImportProblem, MatchCandidate } from './import-problem';
import type { ImportSummary } from './import-summary';
import { ReferenceResolver } from './reference-resolver';
import { recordFieldPath } from './record-field-path';
import { withReferenceSources } from './reference-source';
import { toRecord } from './to-record';

type AnyRecord = RecordOf[EntityType];

/** The records already in the store, with the full texts of sources by slug. */
export type ExistingData = { readonly [T in EntityType]: readonly RecordOf[T][] } & { readonly texts: ReadonlyMap<string, string> };

/** The store changes of an import, ready for `Store.write`. */
export interface ImportPlan {
  changes: ChangeRequest[];
  /** The bundle path of the record each change writes, by change index: maps the store's problems back to the bundle. */
  paths: string[];
  summary: ImportSummary;
}

/** What `planImport` answers: the plan, or every problem that stops the import. */
export type PlanResult = { ok: true; plan: ImportPlan } | { ok: false; problems: ImportProblem[] };

/** What importing makes of a bundle record: a new record, a stored one left as it is, or a stored one the import adds to. */
export type RecordAction = 'create' | 'reuse' | 'merge';

/** A bundle record as an import plans it. */
export interface PlannedRecord extends RecordIdentity {
  /** `merge` only when the bundle can be imported: else `create` or `reuse`, as identification found. */
  action: RecordAction;
}

/** References left empty on creation when they point to a record created later in the same import. */
const DEFERRABLE: Partial<Record<EntityType, { field: string; target: EntityType; empty: null | []; slugOf?: (item: never) => string }[]>> = {
  Country: [{ field: 'capital', target: 'Place', empty: null }],
  Source: [
    { field: 'publisher', target: 'Organization', empty: null },
    { field: 'cites', target: 'Source', empty: [] },
  ],
  Organization: [{ field: 'parent', target: 'Organization', empty: null }],
  Topic: [{ field: 'parent', target: 'Topic', empty: null }],
  Meeting: [
    { field: 'partOf', target: 'Meeting', empty: null },
    { field: 'relations', target: 'Meeting', empty: [], slugOf: (relation: { meeting: string }) => relation.meeting },
  ],
};

/** The changes that import `bundle` into a store holding `stored`, or every problem found. */
export function planImport(bundle: Bundle, stored: ExistingData): PlanResult {
  return planBundle(bundle, stored).planned;
}

/** `planImport`'s answer, and what each bundle record becomes (the source first, then in creation order), whether or not the bundle can be imported. */
export function planBundle(bundle: Bundle, stored: ExistingData): { planned: PlanResult; records: PlannedRecord[] } {
  const { existing, referenceChanges, problems, resolver, entries } = identify(bundle, stored);

  const skipped = new Set<string>();
  let placeholders = 0;
  const translation = {
    resolver,
    article: entries.find((entry) => entry.path === 'source')!.slug,
    problems,
    placeholder(type: EntityType) {
      const slug = `unresolved-reference-${++placeholders}`;
      skipped.add(key(type, slug));
      return slug;
    },
  };
  const translated = entries.map((entry) => ({ entry, record: toRecord(entry, translation) }));
  const valid = checkShapes(translated, skipped, problems);
  checkAgainstStore(valid, existing, bundle, skipped, problems);

  const article = entries.findIndex((entry) => entry.path === 'source');
  const identified = identities([entries[article]!, ...entries.slice(0, article), ...entries.slice(article + 1)], problems);
  if (problems.length > 0) {
    return { planned: { ok: false, problems: inBundleOrder(dedupe(problems), entries) }, records: identified.map((record) => ({ ...record, action: record.reused ? 'reuse' : 'create' })) };
  }
  const created = valid.filter(({ entry }) => !entry.reused);
  const merges = mergesOf(valid.filter(({ entry }) => entry.reused), created, existing);
  const { changes, paths } = changesOf(created, bundle);
  for (const { change, path } of merges) {
    changes.push(change);
    paths.push(path);
  }
  const summary = summarize(entries, merges);
  const merged = new Set(merges.map((merge) => merge.stored));
  const records = identified.map((record): PlannedRecord => ({ ...record, action: !record.reused ? 'create' : merged.has(key(record.type, record.slug)) ? 'merge' : 'reuse' }));
  summary.created.Source += referenceChanges.length;
  return { planned: { ok: true, plan: { changes: [...referenceChanges, ...changes], paths: [...referenceChanges.map(() => ''), ...paths], summary } }, records };
}

/** What identification found for one bundle record: the stored record it is, or the stored records it may be. */
export interface RecordIdentity {
  type: EntityType;
  /** Its bundle path: `people[0]`, `source`. */
  path: string;
  /** The slug it has in the store: the stored record's when reused, else its own (given or derived). */
  slug: string;
  /** True when the import would reuse a stored record (by `sameAs`, slug, name, alias, title or a certain event match). */
  reused: boolean;
  /** The stored records it may be when the match is not certain (a near name, a possible event), best first; else empty. */
  candidates: MatchCandidate[];
}

/**
 * How the import would identify each record of `bundle` against `stored`, without
 * checking or planning anything else: the same matching as `planImport`, for a caller
 * that proposes records (the draft) and needs each one's stored match and candidates.
 */
export function identifyBundle(bundle: Bundle, stored: ExistingData): RecordIdentity[] {
  const { problems, entries } = identify(bundle, stored);
  return identities(entries, problems);
}

/** Each entry as identified, with the candidates of its near-match problem. */
function identities(entries: readonly BundleEntry[], problems: readonly ImportProblem[]): RecordIdentity[] {
  return entries.map((entry) => ({
    type: entry.type,
    path: entry.path,
    slug: entry.slug,
    reused: entry.reused,
    candidates: problems.find((problem) => problem.path === entry.path && problem.candidates !== undefined)?.candidates ?? [],
  }));
}

/** The first step of an import: every bundle record given its slug and, when stored, the stored record's (`identify-records.ts`). */
function identify(bundle: Bundle, stored: ExistingData) {
  // The reference datasets the bundle cites that the store lacks: planned as if stored, created first.
  const { existing, changes: referenceChanges } = withReferenceSources(bundle, stored);
  const problems: ImportProblem[] = [];
  const resolver = new ReferenceResolver(existing);
  const entries = bundleEntries(bundle);
  identifyRecords(entries, existing, resolver, problems);
  return { existing, referenceChanges, problems, resolver, entries };
}

/**
 * One update per stored record that the bundle's versions of it add to, with the bundle
 * path of the first of them and the record's key: the patches of several versions (two
 * bundle records that are one stored person) are merged in bundle order.
 */
function mergesOf(reused: { entry: BundleEntry; record: AnyRecord }[], created: { entry: BundleEntry; record: AnyRecord }[], existing: ExistingData) {
  const kinds = new Map<string, SourceKind>([...existing.Source, ...created.filter(({ entry }) => entry.type === 'Source').map(({ record }) => record as RecordOf['Source'])].map((s) => [s.slug, s.kind]));
  const context = { sourceKind: (slug: string) => kinds.get(slug) };
  const stored = new Map<string, AnyRecord>();
  const merged = new Map<string, { type: EntityType; slug: string; record: AnyRecord; path: string }>();
  for (const { entry, record } of reused) {
    const id = key(entry.type, entry.slug);
    if (!stored.has(id)) {
      const found = (existing[entry.type] as readonly AnyRecord[]).find((r) => r.slug === entry.slug);
      if (found === undefined) continue;
      stored.set(id, found);
    }
    const current = merged.get(id)?.record ?? stored.get(id)!;
    const patch = mergePatch(entry.type, current, record, context);
    if (Object.keys(patch).length === 0) continue;
    merged.set(id, { type: entry.type, slug: entry.slug, record: { ...current, ...patch } as AnyRecord, path: merged.get(id)?.path ?? entry.path });
  }
  return [...merged.values()].map(({ type, slug, record, path }) => {
    const before = stored.get(key(type, slug)) as unknown as Record<string, unknown>;
    const patch = Object.fromEntries(Object.entries(record).filter(([field, value]) => JSON.stringify(value) !== JSON.stringify(before[field])));
    return { change: { operation: 'update', type, slug, patch } satisfies ChangeRequest as ChangeRequest, path, stored: key(type, slug) };
  });
}

/** The records whose shape the store accepts; the others become problems and are skipped by later checks. */
function checkShapes(created: { entry: BundleEntry; record: AnyRecord }[], skipped: Set<string>, problems: ImportProblem[]) {
  const valid: { entry: BundleEntry; record: AnyRecord }[] = [];
  for (const { entry, record } of created) {
    const parsed = ENTITY_FILES[entry.type].schema.safeParse(record);
    if (parsed.success) {
      valid.push({ entry, record: parsed.data as AnyRecord });
    } else {
      skipped.add(key(entry.type, entry.slug));
      // An empty slug is one that could not be derived: already reported, with the reason.
      const issues = parsed.error.issues.filter((issue) => !(entry.slug === '' && issue.path.join('.') === 'slug'));
      problems.push(...issues.map((issue) => ({ path: recordFieldPath(entry.path, issue.path.join('.')), message: issue.message })));
    }
  }
  return valid;
}

/** The store's cross-record rules, on the new records among the stored ones: references, verbatim quotes, parent loops, ISO codes. */
function checkAgainstStore(valid: { entry: BundleEntry; record: AnyRecord }[], existing: ExistingData, bundle: Bundle, skipped: Set<string>, problems: ImportProblem[]): void {
  // A reused record's bundle version is checked (its quotes, its references) but does not stand for the stored record.
  const added = new Map<string, AnyRecord>(valid.filter(({ entry }) => !entry.reused).map(({ entry, record }) => [key(entry.type, entry.slug), record]));
  const stored = new Map<string, AnyRecord>();
  for (const type of Object.keys(ENTITY_FILES) as EntityType[]) {
    for (const record of existing[type] as readonly AnyRecord[]) stored.set(key(type, record.slug), record);
  }
  // A stored article keeps its stored text: quotes are checked against what the store holds.
  const article = valid.find(({ entry }) => entry.path === 'source' && !entry.reused)?.entry.slug;
  const lookup: RecordLookup = {
    get: <T extends EntityType>(type: T, slug: string) => (added.get(key(type, slug)) ?? stored.get(key(type, slug))) as RecordOf[T] | undefined,
    text: (slug) => (slug === article ? bundle.source.text : existing.texts.get(slug)),
    unverifiable: (type, slug) => skipped.has(key(type, slug)),
  };
  const isoCodes = new Map(existing.Country.map((country) => [country.isoCode, country.slug]));
  for (const { entry, record } of valid) {
    for (const problem of recordProblems(entry.type, record, lookup)) {
      problems.push({ path: recordFieldPath(entry.path, problem.field), message: problem.message });
    }
    if (entry.type === 'Country' && !entry.reused) {
      const { isoCode } = record as RecordOf['Country'];
      const other = isoCodes.get(isoCode);
      if (other !== undefined) problems.push({ path: `${entry.path}.isoCode`, message: `duplicate ISO code ${isoCode}: Country ${JSON.stringify(other)} has it too` });
      isoCodes.set(isoCode, entry.slug);
    }
  }
}

/** Creates in bundle order, with forward references set by updates after them. */
function changesOf(valid: { entry: BundleEntry; record: AnyRecord }[], bundle: Bundle): Omit<ImportPlan, 'summary'> {
  const changes: ChangeRequest[] = [];
  const paths: string[] = [];
  const updates: { change: ChangeRequest; path: string }[] = [];
  const notYetCreated = new Set(valid.map(({ entry }) => key(entry.type, entry.slug)));
  for (const { entry, record } of valid) {
    const { type, slug, path } = entry;
    const created: Record<string, unknown> = { ...record };
    const patch: Record<string, unknown> = {};
    for (const { field, target, empty, slugOf } of DEFERRABLE[type] ?? []) {
      const value = created[field] as string | unknown[] | null | undefined;
      if (value === undefined) continue;
      const targets = value === null ? [] : Array.isArray(value) ? value.map((item) => (slugOf ? slugOf(item as never) : (item as string))) : [value];
      if (targets.some((target_) => notYetCreated.has(key(target, target_)))) {
        patch[field] = value;
        created[field] = empty;
      }
    }
    // Countries and places come before sources: their citations of a source the bundle creates (the article) wait for it too.
    const citations = created.citations as CitationRecord[] | undefined;
    if ((type === 'Country' || type === 'Place') && citations?.some((c) => notYetCreated.has(key('Source', c.source)) || (c.attributedTo !== undefined && notYetCreated.has(key('Source', c.attributedTo))))) {
      patch.citations = citations;
      delete created.citations;
    }
    notYetCreated.delete(key(type, slug));
    changes.push({ operation: 'create', type, record: created, ...(path === 'source' ? { text: bundle.source.text } : {}) });
    paths.push(path);
    if (Object.keys(patch).length > 0) updates.push({ change: { operation: 'update', type, slug, patch }, path });
  }
  for (const { change, path } of updates) {
    changes.push(change);
    paths.push(path);
  }
  return { changes, paths };
}

function summarize(entries: BundleEntry[], merges: { change: ChangeRequest }[]): ImportSummary {
  const counts = () => Object.fromEntries((Object.keys(ENTITY_FILES) as EntityType[]).map((type) => [type, 0])) as Record<EntityType, number>;
  const summary = { created: counts(), reused: counts(), merged: counts() };
  for (const entry of entries) summary[entry.reused ? 'reused' : 'created'][entry.type] += 1;
  for (const { change } of merges) summary.merged[change.type] += 1;
  return summary;
}

function dedupe(problems: ImportProblem[]): ImportProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const id = `${problem.path}\u0000${problem.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Problems sorted by the position of their record in the bundle (stable within a record). */
function inBundleOrder(problems: ImportProblem[], entries: BundleEntry[]): ImportProblem[] {
  const position = (path: string) => {
    const index = entries.findIndex((entry) => path === entry.path || path.startsWith(`${entry.path}.`) || path.startsWith(`${entry.path}[`));
    return index === -1 ? entries.length : index;
  };
  return problems.map((problem, i) => ({ problem, i, at: position(problem.path) })).sort((a, b) => a.at - b.at || a.i - b.i).map(({ problem }) => problem);
}

function key(type: EntityType, slug: string): string {
  return `${type}:${slug}`;
}
