/**
 * The records as a batch of writes changes them, on top of an immutable store view:
 * each change is validated by the same rules as loading, against the data as the
 * earlier changes left it. A request's changes apply together or not at all.
 */
import { ENTITY_FILES, type Dataset, type EntityType, type RecordOf } from './records';
import type { ChangeOperation, ChangeRequest } from './store';
import type { StoreView } from './store-view';
import { recordProblems, referencesTo, type FieldProblem, type RecordLookup } from './validate';
import { EntityNotFoundError, WriteRejectedError } from './write-errors';

type AnyRecord = RecordOf[EntityType];

/** A change as applied: what the journal records. */
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
  previous: AnyRecord | undefined;
  /** Present when the change set or removed a source's text. */
  text?: { previous: string | undefined };
}

export class WorkingSet implements RecordLookup {
  private readonly maps = new Map<EntityType, Map<string, AnyRecord>>();
  private texts: Map<string, string> | null = null;
  private unverifiableSlugs = new Map<EntityType, Set<string>>();

  constructor(private readonly base: StoreView) {}

  /** The types any accepted change touched. */
  get changed(): EntityType[] {
    return [...this.maps.keys()];
  }

  get<T extends EntityType>(type: T, slug: string): RecordOf[T] | undefined {
    const map = this.maps.get(type);
    return (map ? map.get(slug) : (this.base.get(type, slug) ?? undefined)) as RecordOf[T] | undefined;
  }

  text(slug: string): string | undefined {
    return (this.texts ?? this.base.data.texts).get(slug);
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
        try {
          result = this.apply(change, index, undo);
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
          applied.push(result);
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

  /** The data set with every accepted change. */
  toDataset(): Dataset {
    const data = { ...this.base.data, texts: this.texts ?? this.base.data.texts } as Dataset;
    for (const [type, map] of this.maps) (data as Record<EntityType, AnyRecord[]>)[type] = [...map.values()];
    return data;
  }

  private apply(change: ChangeRequest, index: number, undo: Undo[]): AppliedChange | { problems: FieldProblem[]; referencedBy?: { type: EntityType; slug: string; field: string }[] } {
    const { type } = change;
    if (change.operation === 'delete') {
      if (!this.get(type, change.slug)) throw new EntityNotFoundError(type, change.slug, index);
      const references = referencesTo(type, change.slug, (of) => this.records(of)).filter((ref) => !(ref.type === type && ref.slug === change.slug));
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
    if (change.operation === 'create' && this.get(type, record.slug)) {
      problems.push({ field: 'slug', message: `${JSON.stringify(record.slug)} is taken: another ${type} has this slug` });
    }
    let text: string | undefined;
    if (type === 'Source') {
      const source = record as RecordOf['Source'];
      if (change.operation === 'create') {
        text = change.text;
        source.textFile = text === undefined ? null : `sources/${source.slug}.txt`;
      } else if (source.textFile !== (this.get('Source', source.slug) as RecordOf['Source']).textFile) {
        problems.push({ field: 'textFile', message: "a source's text cannot change once its quotes are cited" });
      }
    }
    problems.push(...this.uniqueIsoCode(type, record), ...this.capitalOf(type, record), ...recordProblems(type, record, this));
    if (problems.length > 0) {
      this.markUnverifiable(type, record.slug);
      return { problems };
    }
    this.set(type, record.slug, record, undo, text !== undefined ? { next: text } : undefined);
    return { operation: change.operation, type, slug: record.slug, record, ...(text !== undefined ? { text } : {}) };
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

  private *records(type: EntityType): Iterable<AnyRecord> {
    const map = this.maps.get(type);
    yield* map ? map.values() : (this.base.data[type] as AnyRecord[]);
  }

  private mapOf(type: EntityType): Map<string, AnyRecord> {
    let map = this.maps.get(type);
    if (!map) {
      map = new Map((this.base.data[type] as AnyRecord[]).map((record) => [record.slug, record]));
      this.maps.set(type, map);
    }
    return map;
  }

  private set(type: EntityType, slug: string, record: AnyRecord | undefined, undo: Undo[], text?: { next: string | undefined }): void {
    const map = this.mapOf(type);
    undo.push({ type, slug, previous: map.get(slug), ...(text ? { text: { previous: this.text(slug) } } : {}) });
    if (record) map.set(slug, record);
    else map.delete(slug);
    if (text) this.setText(slug, text.next);
  }

  private setText(slug: string, text: string | undefined): void {
    this.texts ??= new Map(this.base.data.texts);
    if (text === undefined) this.texts.delete(slug);
    else this.texts.set(slug, text);
  }

  private rollBack(undo: Undo[]): void {
    for (const step of undo.reverse()) {
      const map = this.mapOf(step.type);
      if (step.previous) map.set(step.slug, step.previous);
      else map.delete(step.slug);
      if (step.text) this.setText(step.slug, step.text.previous);
    }
  }

  private markUnverifiable(type: EntityType, slug: string): void {
    let slugs = this.unverifiableSlugs.get(type);
    if (!slugs) this.unverifiableSlugs.set(type, (slugs = new Set()));
    slugs.add(slug);
  }
}

