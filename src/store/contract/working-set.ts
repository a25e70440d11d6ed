/**
 * The records as a batch of writes changes them, on top of the data a store holds (a
 * `WorkingBase`: the JSON store's immutable view, or the records the PostgreSQL store
 * fetched for this write): each change is validated by the same rules as loading, against
 * the data as the earlier changes left it. A request's changes apply together or not at
 * all. Every store writes through it, so every store accepts and refuses the same writes.
 *
 * Only the written records are held (an overlay on the base), so a write costs what it
 * touches, not the size of its type; a delete finds what still refers to its record
 * through the base's `referrers`.
 *
 * A meeting's `date` is derived here (`deriveMeetingDate`) on every create and update, and
 * a meeting whose date changes has the meetings bounded by it (their `partOf` or
 * `relations`) derived again, in the same write: every store keeps the same dates.
 */
import { sameFuzzyDate, type MeetingDateLookup } from '../../domain/meeting-date';
import { setDerivedDate } from './meeting-date-rules';
import { ENTITY_FILES, type EntityType, type RecordOf } from './records';
import type { ChangeOperation, ChangeRequest } from './store';
import { recordProblems, referencesTo, sourceTextProblem, type FieldProblem, type RecordLookup } from './validate';
import { EntityNotFoundError, WriteRejectedError } from './write-errors';

type AnyRecord = RecordOf[EntityType];

/** Re-dated meetings one write may cascade through before it is given up as a fault. */
const MAX_REDATE_STEPS = 100_000;

/** The written records of one commit, by type: each slug's final state (null: deleted), in the order they were first written. */
export type ChangedRecords = ReadonlyMap<EntityType, ReadonlyMap<string, AnyRecord | null>>;

/** A change as applied: what the change feed records (see `ChangeEntry`). */
export interface AppliedChange {
  operation: ChangeOperation;
  type: EntityType;
  slug: string;
  /** The record after the change; null after a delete. */
  record: AnyRecord | null;
  /** A created source's full text. */
  text?: string;
}

interface Undo {
  type: EntityType;
  slug: string;
  /** The overlay's state of the slug before the change: absent (read through to the view), a record, or deleted. */
  previous: { state: AnyRecord | null } | undefined;
  /** Present when the change set or removed a source's text: the overlay's entry before (absent: read through to the base). */
  text?: { previous: { text: string | undefined } | undefined };
  /** The change made the slug re-created (see `recreated`), which it was not before. */
  recreated?: boolean;
}

/**
 * The data a working set writes over: a store view in memory (the JSON store), or the
 * records a database store fetched for one write.
 */
export interface WorkingBase {
  get(type: EntityType, slug: string): AnyRecord | null | undefined;
  /** Full texts of sources, by source slug. */
  readonly texts: ReadonlyMap<string, string>;
  /** Every record of a type, in data-set order (asked only of small types: countries). */
  records(type: EntityType): readonly AnyRecord[];
  /** The records of `from` that may refer to `type`/`slug` (a superset; each is checked). */
  referrers(from: EntityType, type: EntityType, slug: string): readonly AnyRecord[];
}

export class WorkingSet implements RecordLookup {
  /** Written records by type and slug (null: deleted), in the order first written. */
  private readonly maps = new Map<EntityType, Map<string, AnyRecord | null>>();
  /** Texts set (a string) or removed (undefined) by the changes, over the base's. */
  private readonly writtenTexts = new Map<string, string | undefined>();
  /** Slugs deleted and then created again by these changes while the base holds them. */
  private readonly recreatedSlugs = new Map<EntityType, Set<string>>();
  private unverifiableSlugs = new Map<EntityType, Set<string>>();

  constructor(private readonly base: WorkingBase) {}

  /** The written records of every type, for the next store view. */
  get changes(): ChangedRecords {
    return this.maps;
  }

  /**
   * Slugs the changes deleted and then created again while the base holds them: the new
   * record goes after the others, as replaying the journal (a delete, then a create) puts
   * it, not where the deleted one was.
   */
  get recreated(): ReadonlyMap<EntityType, ReadonlySet<string>> {
    return this.recreatedSlugs;
  }

  /** Full texts of sources after the accepted changes (the base's own map when none changed). */
  get sourceTexts(): Map<string, string> {
    if (this.writtenTexts.size === 0 && this.base.texts instanceof Map) return this.base.texts as Map<string, string>;
    // Copied once per batch that creates or deletes a source (O(sources), only on those writes).
    const texts = new Map(this.base.texts);
    for (const [slug, text] of this.writtenTexts) {
      if (text === undefined) texts.delete(slug);
      else texts.set(slug, text);
    }
    return texts;
  }

  get<T extends EntityType>(type: T, slug: string): RecordOf[T] | undefined {
    const written = this.maps.get(type)?.get(slug);
    if (written !== undefined) return (written ?? undefined) as RecordOf[T] | undefined;
    return (this.base.get(type, slug) ?? undefined) as RecordOf[T] | undefined;
  }

  text(slug: string): string | undefined {
    return this.writtenTexts.has(slug) ? this.writtenTexts.get(slug) : this.base.texts.get(slug);
  }

  unverifiable(type: EntityType, slug: string): boolean {
    return this.unverifiableSlugs.get(type)?.has(slug) ?? false;
  }

  /** Applies a request's changes in order, all or none; throws WriteRejectedError listing every problem. */
  applyAll(changes: readonly ChangeRequest[]): AppliedChange[] {
    const undo: Undo[] = [];
    const applied: AppliedChange[] = [];
    const problems: (FieldProblem & { change: number })[] = [];
    const referencedBy: { type: EntityType; slug: string; field: string }[] = [];
    this.unverifiableSlugs = new Map();
    try {
      changes.forEach((change, index) => {
        let result: ReturnType<WorkingSet['apply']>;
        const before = applied.length;
        try {
          result = this.apply(change, index, undo, applied);
        } catch (error) {
          // In a request of several changes, report a missing entity with the other problems;
          // one that a failed create of this request should have made was reported already.
          if (!(error instanceof EntityNotFoundError) || changes.length === 1) throw error;
          if (this.unverifiable(error.type, error.slug)) return;
          result = { problems: [{ field: 'slug', message: `no ${error.type} has the slug ${JSON.stringify(error.slug)}` }] };
        }
        if ('problems' in result) {
          problems.push(...result.problems.map((problem) => ({ ...problem, change: index })));
          referencedBy.push(...(result.referencedBy ?? []));
        } else {
          applied.splice(before, 0, result);
        }
      });
    } catch (error) {
      this.rollBack(undo);
      throw error;
    }
    if (problems.length > 0) {
      this.rollBack(undo);
      throw new WriteRejectedError(problems, referencedBy);
    }
    return applied;
  }

  /** Applies one change; the meetings it re-dates (`redateReferrers`) are appended to `applied`, after which the caller puts the change itself. */
  private apply(change: ChangeRequest, index: number, undo: Undo[], applied: AppliedChange[]): AppliedChange | { problems: FieldProblem[]; referencedBy?: { type: EntityType; slug: string; field: string }[] } {
    const { type } = change;
    if (change.operation === 'delete') {
      if (!this.get(type, change.slug)) throw new EntityNotFoundError(type, change.slug, index);
      const references = referencesTo(type, change.slug, (of) => this.referrers(of, type, change.slug)).filter((ref) => !(ref.type === type && ref.slug === change.slug));
      if (references.length > 0) {
        const list = references.map((ref) => `${ref.type} ${JSON.stringify(ref.slug)} (${ref.field})`).join(', ');
        return { problems: [{ field: '', message: `${type} ${JSON.stringify(change.slug)} is still referred to by ${list}` }], referencedBy: references };
      }
      this.set(type, change.slug, undefined, undo, type === 'Source' ? { next: undefined } : undefined);
      return { operation: 'delete', type, slug: change.slug, record: null };
    }

    let candidate: unknown;
    if (change.operation === 'create') {
      candidate = change.record;
    } else {
      const current = this.get(type, change.slug);
      if (!current) throw new EntityNotFoundError(type, change.slug, index);
      if ('slug' in change.patch && change.patch.slug !== change.slug) {
        return { problems: [{ field: 'slug', message: 'a slug cannot change: it keeps global ids and references stable' }] };
      }
      candidate = { ...current, ...change.patch };
    }
    const parsed = ENTITY_FILES[type].schema.safeParse(candidate);
    if (!parsed.success) {
      const slug = (candidate as { slug?: unknown })?.slug;
      if (typeof slug === 'string') this.markUnverifiable(type, slug);
      return { problems: parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })) };
    }
    const record = parsed.data as AnyRecord;
    const problems: FieldProblem[] = [];
    let redated = false;
    if (type === 'Meeting') {
      const current = change.operation === 'update' ? (this.get('Meeting', change.slug) as RecordOf['Meeting']) : undefined;
      const problem = setDerivedDate(record as RecordOf['Meeting'], current, change.operation === 'update' ? change.patch : {}, this.dateLookup);
      if (problem) problems.push(problem);
      redated = current !== undefined && !sameFuzzyDate(current.date, (record as RecordOf['Meeting']).date);
    }
    if (change.operation === 'create' && this.get(type, record.slug)) {
      problems.push({ field: 'slug', message: `${JSON.stringify(record.slug)} is taken: another ${type} has this slug` });
    }
    let text: string | undefined;
    if (type === 'Source') {
      const source = record as RecordOf['Source'];
      if (change.operation === 'create') {
        text = change.text;
        source.textFile = text === undefined ? null : `sources/${source.slug}.txt`;
        const tooLong = text === undefined ? null : sourceTextProblem(text);
        if (tooLong) problems.push({ field: 'text', message: tooLong });
      } else if (source.textFile !== (this.get('Source', source.slug) as RecordOf['Source']).textFile) {
        problems.push({ field: 'text', message: "a source's text cannot change once its quotes are cited" });
      }
    }
    problems.push(...this.uniqueIsoCode(type, record), ...this.capitalOf(type, record), ...recordProblems(type, record, this));
    if (problems.length > 0) {
      this.markUnverifiable(type, record.slug);
      return { problems };
    }
    this.set(type, record.slug, record, undo, text !== undefined ? { next: text } : undefined);
    if (redated) this.redateReferrers(record.slug, undo, applied);
    return { operation: change.operation, type, slug: record.slug, record, ...(text !== undefined ? { text } : {}) };
  }

  /** Reads related meetings and source kinds as the changes leave them. */
  private get dateLookup(): MeetingDateLookup {
    return { meeting: (slug) => this.get('Meeting', slug), sourceKind: (slug) => this.get('Source', slug)?.kind };
  }

  /**
   * Derives again the dates of the meetings bounded by `slug` (by `partOf` or `relations`),
   * and theirs in turn when they change, appending each as an update to `applied`.
   * Validation keeps these references free of cycles; the step limit guards against one anyway.
   */
  private redateReferrers(slug: string, undo: Undo[], applied: AppliedChange[]): void {
    const queue = [slug];
    for (let steps = 0; queue.length > 0; steps++) {
      if (steps > MAX_REDATE_STEPS) throw new Error(`re-dating the meetings bounded by ${JSON.stringify(slug)} did not settle`);
      const changed = queue.shift()!;
      for (const referrer of this.referrers('Meeting', 'Meeting', changed) as RecordOf['Meeting'][]) {
        if (referrer.partOf !== changed && !referrer.relations?.some((relation) => relation.meeting === changed)) continue;
        const next = { ...referrer, date: referrer.date };
        setDerivedDate(next, undefined, {}, this.dateLookup);
        if (sameFuzzyDate(next.date, referrer.date) && JSON.stringify(next.dateClaims) === JSON.stringify(referrer.dateClaims)) continue;
        this.set('Meeting', next.slug, next, undo);
        applied.push({ operation: 'update', type: 'Meeting', slug: next.slug, record: next });
        queue.push(next.slug);
      }
    }
  }

  /** A country's ISO code is unique. */
  private uniqueIsoCode(type: EntityType, record: AnyRecord): FieldProblem[] {
    if (type !== 'Country') return [];
    const { isoCode, slug } = record as RecordOf['Country'];
    const other = [...this.records('Country')].find((country) => (country as RecordOf['Country']).isoCode === isoCode && country.slug !== slug);
    return other ? [{ field: 'isoCode', message: `duplicate ISO code ${isoCode}: Country ${JSON.stringify(other.slug)} has it too` }] : [];
  }

  /** A place that is a capital stays in its country. */
  private capitalOf(type: EntityType, record: AnyRecord): FieldProblem[] {
    if (type !== 'Place') return [];
    const place = record as RecordOf['Place'];
    const country = [...this.records('Country')].find((c) => (c as RecordOf['Country']).capital === place.slug);
    return country && country.slug !== place.country
      ? [{ field: 'country', message: `this place is the capital of Country ${JSON.stringify(country.slug)}, so it must lie there` }]
      : [];
  }

  /** Every record of a type as the changes leave it, in data-set order (for small types: countries). */
  private *records(type: EntityType): Iterable<AnyRecord> {
    const map = this.maps.get(type);
    for (const record of this.base.records(type) as readonly AnyRecord[]) {
      const written = map?.get(record.slug);
      if (written === undefined) yield record;
      else if (written !== null) yield written;
    }
    for (const [slug, record] of map ?? []) if (record !== null && !this.base.get(type, slug)) yield record;
  }

  /**
   * The records of `from` that may refer to `type`/`slug` as the changes leave them: those
   * the view's reference index lists, and every record written in this batch (few). The
   * caller checks each one's references.
   */
  private referrers(from: EntityType, type: EntityType, slug: string): AnyRecord[] {
    const map = this.maps.get(from);
    const found: AnyRecord[] = [];
    for (const record of this.base.referrers(from, type, slug) as AnyRecord[]) if (!map?.has(record.slug)) found.push(record);
    for (const record of map?.values() ?? []) if (record !== null) found.push(record);
    return found;
  }

  private set(type: EntityType, slug: string, record: AnyRecord | undefined, undo: Undo[], text?: { next: string | undefined }): void {
    let map = this.maps.get(type);
    if (!map) this.maps.set(type, (map = new Map()));
    const written = map.get(slug);
    const step: Undo = { type, slug, previous: written === undefined ? undefined : { state: written }, ...(text ? { text: { previous: this.writtenTexts.has(slug) ? { text: this.writtenTexts.get(slug) } : undefined } } : {}) };
    undo.push(step);
    // A record created where none is live goes after the others, as in the data set.
    if (record && !this.get(type, slug)) {
      map.delete(slug);
      if (this.base.get(type, slug) && !this.recreatedSlugs.get(type)?.has(slug)) {
        (this.recreatedSlugs.get(type) ?? this.recreatedSlugs.set(type, new Set()).get(type)!).add(slug);
        step.recreated = true;
      }
    }
    map.set(slug, record ?? null);
    if (text) this.setText(slug, text.next);
  }

  private setText(slug: string, text: string | undefined): void {
    this.writtenTexts.set(slug, text);
  }

  private rollBack(undo: Undo[]): void {
    for (const step of undo.reverse()) {
      const map = this.maps.get(step.type)!;
      if (step.previous) map.set(step.slug, step.previous.state);
      else map.delete(step.slug);
      if (map.size === 0) this.maps.delete(step.type);
      if (step.text?.previous) this.writtenTexts.set(step.slug, step.text.previous.text);
      else if (step.text) this.writtenTexts.delete(step.slug);
      if (step.recreated) this.recreatedSlugs.get(step.type)!.delete(step.slug);
    }
  }

  private markUnverifiable(type: EntityType, slug: string): void {
    let slugs = this.unverifiableSlugs.get(type);
    if (!slugs) this.unverifiableSlugs.set(type, (slugs = new Set()));
    slugs.add(slug);
  }
}

