/**
 * The review of a draft: one item per proposed record (and per record the reviewer adds),
 * each accepted, rejected or not yet reviewed, perhaps edited, with the stored record it
 * is (a candidate the reviewer picked, the draft's certain match) or a refusal of every
 * candidate. `reviewedBundle` turns the review into the bundle to import: the draft with
 * the edits, the matches as `sameAs` / `distinctFrom`, and without the rejected records
 * and what cannot stand without them. Pure: no DOM, no requests.
 */
import { describeRange } from '../../../src/domain/meeting-date';
import { sentenceAround, type Span } from './text-spans';
import { copyBundle, formatPath, namesOf, parsePath, recordAt, recordName, recordsOf, removeRecords, renameReferences, type Bundle, type BundleRecord, type RecordPath, type Section } from './bundle-records';

export type ItemKind = 'SOURCE' | 'COUNTRY' | 'PLACE' | 'ORGANIZATION' | 'PERSON' | 'OFFICE' | 'TENURE' | 'TOPIC' | 'MEETING';
export type ItemStatus = 'pending' | 'accepted' | 'rejected';

export const SECTION_OF: Record<ItemKind, Section | 'source'> = {
  SOURCE: 'source',
  COUNTRY: 'countries',
  PLACE: 'places',
  ORGANIZATION: 'organizations',
  PERSON: 'people',
  OFFICE: 'offices',
  TENURE: 'tenures',
  TOPIC: 'topics',
  MEETING: 'meetings',
};

export interface Candidate {
  slug: string;
  name: string;
  score: number;
  reasons: string[];
}

/** A proposal of the draft, as the `draftBundle` query gives it. */
export interface Proposal {
  kind: ItemKind;
  path: string;
  span: Span;
  candidates: Candidate[];
  chosen: string | null;
}

/** Which stored record an item is: the draft's choice, a candidate the reviewer picked, or none of them (a new record). */
export type Match = { kind: 'draft' } | { kind: 'stored'; slug: string } | { kind: 'new' };

export interface ReviewItem {
  /** The draft's path of its record (`people[0]`), or `added[N]` for one the reviewer added. */
  id: string;
  kind: ItemKind;
  span: Span;
  candidates: Candidate[];
  /** The stored record the draft preselected, or null. */
  chosen: string | null;
  status: ItemStatus;
  match: Match;
  /** The record as the reviewer leaves it (the draft's until edited). */
  record: BundleRecord;
}

export interface Review {
  draft: Bundle;
  items: ReviewItem[];
}

/** A review of `draft` with every proposal not yet reviewed, except the source, which is the report itself. */
export function startReview(draft: Bundle, proposals: readonly Proposal[]): Review {
  const items = proposals.flatMap((proposal): ReviewItem[] => {
    const path = parsePath(proposal.path);
    const record = path ? recordAt(draft, path) : undefined;
    if (!record) return [];
    return [
      {
        id: proposal.path,
        kind: proposal.kind,
        span: proposal.span,
        candidates: proposal.candidates,
        chosen: proposal.chosen,
        status: proposal.kind === 'SOURCE' ? 'accepted' : 'pending',
        match: { kind: 'draft' },
        record: structuredClone(record),
      },
    ];
  });
  return { draft, items };
}

/** A record the reviewer adds from words of the text: cited by them, accepted. */
export function addItem(review: Review, kind: ItemKind, span: Span, record: BundleRecord): ReviewItem {
  const item: ReviewItem = {
    id: `added[${review.items.filter((other) => other.id.startsWith('added[')).length}]`,
    kind,
    span,
    candidates: [],
    chosen: null,
    status: 'accepted',
    match: { kind: 'new' },
    record,
  };
  review.items.push(item);
  return item;
}

/** The stored record an item will be imported as, or null for a new record or a near match left open. */
export function matchedSlug(item: ReviewItem): string | null {
  if (item.match.kind === 'stored') return item.match.slug;
  if (item.match.kind === 'new') return null;
  return typeof item.record.sameAs === 'string' ? item.record.sameAs : item.chosen;
}

/** Whether the item still waits for the reviewer to say which stored record it is: near matches and none chosen. */
export function matchOpen(item: ReviewItem): boolean {
  return item.match.kind === 'draft' && item.candidates.length > 0 && matchedSlug(item) === null;
}

/** The bundle the review leads to, and where each item's record went in it. */
export interface ReviewedBundle {
  bundle: Bundle;
  /** The reviewed bundle's path of each imported item's record, by item id. */
  pathOf: Map<string, string>;
  /** The item at each path of the reviewed bundle. */
  itemAt: Map<string, string>;
  /** Accepted or pending items that go anyway, because a rejected item took them along: by item id, the id of that item. */
  droppedWith: Map<string, string>;
}

/**
 * The bundle to import: the draft with every item's record as reviewed, each match written as `sameAs` (the stored record) or
 * `distinctFrom` (every candidate refused), the added records at the end of their sections,
 * and without the rejected records and what depends on them (bundle-records.ts).
 * Items not yet reviewed are in it: the plan shows what they would do.
 */
export function reviewedBundle(review: Review): ReviewedBundle {
  const bundle = copyBundle(review.draft);
  const pathOf = new Map<string, string>();
  for (const item of review.items) {
    const section = SECTION_OF[item.kind];
    const record = withMatch(item);
    if (section === 'source') {
      bundle.source = { ...record, text: review.draft.source.text };
      pathOf.set(item.id, 'source');
      continue;
    }
    const records = recordsOf(bundle, section);
    bundle[section] = records;
    const at = parsePath(item.id);
    const index = at !== null && at.section === section ? at.index : records.length;
    records[index] = record;
    pathOf.set(item.id, formatPath({ section, index }));
  }

  const rejected = review.items.filter((item) => item.status === 'rejected' && item.kind !== 'SOURCE').map((item) => parsePath(pathOf.get(item.id)!)!);
  const removed = removeRecords(bundle, rejected);
  const itemOfPath = new Map([...pathOf].map(([id, path]) => [path, id]));
  const droppedWith = new Map<string, string>();
  for (const [path, cause] of removed) {
    if (cause !== null) droppedWith.set(itemOfPath.get(path)!, itemOfPath.get(cause)!);
  }

  // Paths after the removal: each section's surviving records close up.
  const finalPathOf = new Map<string, string>();
  const shift = new Map<Section, number[]>();
  for (const path of removed.keys()) {
    const parsed = parsePath(path)!;
    if (parsed.section !== 'source') shift.set(parsed.section, [...(shift.get(parsed.section) ?? []), parsed.index]);
  }
  for (const [id, path] of pathOf) {
    if (removed.has(path)) continue;
    const parsed = parsePath(path)!;
    const before = parsed.section === 'source' ? 0 : (shift.get(parsed.section) ?? []).filter((index) => index < parsed.index).length;
    finalPathOf.set(id, formatPath({ section: parsed.section, index: parsed.index - before } satisfies RecordPath));
  }
  return { bundle, pathOf: finalPathOf, itemAt: new Map([...finalPathOf].map(([id, path]) => [path, id])), droppedWith };
}

/** The item's record with its match: `sameAs` the stored record, or `distinctFrom` every candidate. */
function withMatch(item: ReviewItem): BundleRecord {
  const record = structuredClone(item.record);
  if (item.kind === 'SOURCE' || item.match.kind === 'draft') return record;
  delete record.sameAs;
  delete record.distinctFrom;
  if (item.match.kind === 'stored') {
    record.sameAs = item.match.slug;
  } else {
    const refused = [...new Set([...item.candidates.map((candidate) => candidate.slug), ...(item.chosen ? [item.chosen] : [])])];
    if (refused.length > 0) record.distinctFrom = refused;
  }
  return record;
}

/** The records of the review's items by section, the very objects: edits through it edit the items. */
function itemRecords(review: Review): Bundle {
  const bundle: Bundle = { source: review.items.find((item) => item.kind === 'SOURCE')?.record ?? {} };
  for (const item of review.items) {
    const section = SECTION_OF[item.kind];
    if (section !== 'source') bundle[section] = [...recordsOf(bundle, section), item.record];
  }
  return bundle;
}

/**
 * Gives an item a new name (a title, for offices and meetings), and every reference to it in
 * the other items the same; a meeting's title that names it (the draft's "Talks between A
 * and B") names it anew.
 */
export function renameItem(review: Review, item: ReviewItem, name: string): void {
  const section = SECTION_OF[item.kind];
  const old = recordName(item.record);
  item.record[typeof item.record.title === 'string' ? 'title' : 'name'] = name;
  if (section === 'source' || old === '') return;
  renameReferences(itemRecords(review), section, old, name);
  if (item.kind === 'MEETING') return;
  for (const meeting of review.items) {
    if (meeting.kind === 'MEETING' && typeof meeting.record.title === 'string') meeting.record.title = meeting.record.title.split(old).join(name);
  }
}

/** The live items of a kind (not rejected), with their names: what a reference may name. */
export function choicesOf(review: Review, kind: ItemKind): { item: ReviewItem; name: string }[] {
  return review.items.filter((item) => item.kind === kind && item.status !== 'rejected').map((item) => ({ item, name: recordName(item.record) }));
}

/** Whether `value` (a reference) names `item`'s record, by its slug, match, name or an alias. */
export function refersTo(item: ReviewItem, value: unknown): boolean {
  return typeof value === 'string' && namesOf(item.record).has(value);
}

/**
 * The meeting's date from the bounds the reviewer gives (ISO days; null: open), worded and
 * given its precision as the store words a range (`describeRange`: "late February 2023");
 * the draft's date is kept while its bounds stand.
 */
export function setMeetingDate(meeting: BundleRecord, earliest: string | null, latest: string | null): void {
  const previous = meeting.date as { earliest: string | null; latest: string | null } | undefined;
  if (previous && previous.earliest === earliest && previous.latest === latest) return;
  meeting.date = describeRange(earliest, latest);
}

/** Adds a person as a participant of a meeting, cited by the meeting's first quote; their country joins the meeting's. */
export function addParticipant(meeting: BundleRecord, person: BundleRecord): void {
  const countries = (meeting.countries as string[] | undefined) ?? [];
  const country = typeof person.country === 'string' ? person.country : (countries[0] ?? null);
  const citations = (meeting.citations as BundleRecord[] | undefined) ?? [];
  const participants = (meeting.participants as BundleRecord[] | undefined) ?? [];
  meeting.participants = [...participants, { person: recordName(person), office: null, organization: null, country, role: 'PARTICIPANT', label: null, citations: citations.slice(0, 1) }];
  if (country !== null && !countries.includes(country)) meeting.countries = [...countries, country];
}

/** Says that a meeting discussed a topic (cited by the sentence that names the topic), or no longer does. */
export function setTopicDiscussed(review: Review, meeting: BundleRecord, topic: ReviewItem, discussed: boolean): void {
  const topics = ((meeting.topics as BundleRecord[] | undefined) ?? []).filter((mention) => !refersTo(topic, mention.topic));
  const quote = sentenceAround(String(review.draft.source.text), topic.span).quote;
  meeting.topics = discussed ? [...topics, { topic: recordName(topic.record), citations: [{ quote }] }] : topics;
}
