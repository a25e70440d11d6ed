/**
 * The embedded store: a data directory of JSON files, loaded, validated and indexed in
 * memory (the memory engine, store/memory/), with durable writes (persistence/).
 *
 * Durability: a write is acknowledged only once its change is in the journal
 * (`journal.jsonl`, checksummed lines, fdatasync). The per-type JSON files are a
 * snapshot that compaction rewrites atomically (temp file, fsync, rename) every
 * `compactEvery` changes and on close; `store.json` records which journal entries the
 * snapshot holds. On start-up the journal entries past the snapshot are replayed, so a
 * crash at any instant loses nothing acknowledged. The journal is also the change feed:
 * it is kept in segments, and after a compaction the sealed segments the snapshot holds
 * and the feed's retention no longer keeps (`changeRetention`, `journalRetainBytes`) are
 * deleted. On a full disk an append is cut back off and the write refused
 * (NoSpaceLeftError), and a compaction installs no file it could not write whole; it is
 * retried later, the journal still holding every change since the last one.
 *
 * Concurrency: writes queue and commit in groups, one journal append (one fsync) per
 * group; each request's changes apply all or none. Every commit makes a new immutable
 * StoreView, so a reader sees one version from start to end of its request.
 */
import path from 'node:path';
import { DEFAULT_CHANGE_RETENTION } from '../contract/change-feed';
import { DataValidationError } from '../contract/data-problem';
import { ENTITY_FILES, ENTITY_TYPES, type Dataset, type EntityType } from '../contract/records';
import type { ChangeEntry, ChangeEvent, ChangeListener, ChangePage, ChangeRequest, Entity, FindQuery, FindResult, SearchHit, Store, StoreReader, Tally, TallyQuery } from '../contract/store';
import { NoSpaceLeftError } from '../contract/write-errors';
import { WorkingSet, type AppliedChange } from '../contract/working-set';
import { StoreView } from '../memory/store-view';
import { ChangeWindow } from './change-window';
import { assertDataDirectory, readDataset } from './load-dataset';
import { writeFileAtomic } from './persistence/atomic-file';
import { isDiskFull, nodeFileSystem, type FileSystem } from './persistence/file-system';
import { DEFAULT_RETAIN_BYTES, Journal, readJournal, type DroppedTail } from './persistence/journal';
import { acquireDataDirLock, type DataDirLock } from './persistence/lock';
import { writeSnapshot } from './persistence/snapshot';
import { readStoreState, writeStoreState } from './persistence/store-state';
import { digestOf } from './persistence/validated-files';
import { replayJournal } from './replay-journal';

export interface JsonStoreOptions {
  /** Read the directory without locking it or writing to it (data:check). Writes are refused. */
  readOnly?: boolean;
  /** Compact the journal into the JSON files after this many changes (default 1000). */
  compactEvery?: number;
  /** Validate every file even when store.json records its bytes as validated (data:check). */
  fullValidation?: boolean;
  /** The file operations writes go through (default node:fs; the fault suite injects failures here). */
  fileSystem?: FileSystem;
  /** Seal the journal's active segment once it holds this many bytes (JOURNAL_SEGMENT_BYTES; default 64 MiB). */
  segmentBytes?: number;
  /** The change feed keeps the last this many changes (CHANGE_RETENTION; default 100,000). */
  changeRetention?: number;
  /** ...and deletes more sealed segments (compacted ones only) while they hold more bytes than this (JOURNAL_RETAIN_BYTES; default 1 GiB). */
  journalRetainBytes?: number;
}

interface Pending {
  changes: readonly ChangeRequest[];
  resolve(events: ChangeEvent[]): void;
  reject(error: unknown): void;
}

/** The most requests one commit groups together. */
const MAX_GROUP = 512;

/** The `Store` over a data directory, held and indexed in this process. */
export class JsonStore implements Store {
  /** The torn, never-acknowledged last journal line that opening removed, if any. */
  droppedTail: DroppedTail | null = null;
  /**
   * Called when a compaction fails (once per run of failures: it is retried after another
   * `compactEvery` changes, and at close); the journal still holds every change.
   */
  onCompactionError: (error: unknown) => void = () => {};
  /**
   * Called with the error when writes start being refused for lack of space, and with null
   * when a write succeeds again: once per change, not per refused write.
   */
  onStorageFull: (error: NoSpaceLeftError | null) => void = () => {};
  /** Whether the last journal append failed for lack of space. */
  private storageFull = false;
  /** Whether the last compaction failed (its failure was reported). */
  private compactionFailing = false;
  /** The version from which compaction is due again after a failure. */
  private compactionRetryAt = 0;
  private queue: Pending[] = [];
  /** Sources whose text is in the journal but not yet in a text file. */
  private readonly newTexts = new Set<string>();
  private draining: Promise<void> | null = null;
  private closed = false;
  /**
   * Digests of the files on disk known to hold validated data, by path in the directory
   * (entity files such as people.json, source texts under sources/); recorded in store.json
   * at compaction.
   */
  private readonly digests = new Map<string, string>();
  /** Types written since the last compaction (or replayed from the journal at open): only their files are rewritten. */
  private readonly dirtyTypes = new Set<EntityType>();
  /** Fingerprint of the validation rules (null: digests are not recorded). */
  private rules: string | null = null;
  readonly kind = 'json';
  /** Followers of the change feed (see `watch`). */
  private readonly listeners = new Set<ChangeListener>();

  private constructor(
    private readonly directory: string,
    private currentView: StoreView,
    private readonly journal: Journal | null,
    private readonly lock: DataDirLock | null,
    private readonly feed: ChangeWindow,
    private compactedThrough: number,
    private readonly options: JsonStoreOptions,
  ) {
    this.initialView = currentView;
  }

  private readonly initialView: StoreView;

  /**
   * Opens a data directory: takes its lock (unless read-only), loads the JSON files,
   * replays the journal past the snapshot, and validates the result, except bytes that
   * store.json records as validated (see load-dataset.ts). After a validation that
   * passed, it records the digests of the bytes it checked in store.json (unless
   * read-only, or journal entries were replayed: compaction records them then). The
   * indexes are built in the background: `indexed` settles when they are. Throws
   * DataValidationError naming every problem, DataDirLockedError when another process
   * holds the directory, or JournalCorruptError.
   *
   * The journal is read as a stream: only the events the change feed keeps and the entries
   * past the snapshot (to replay) are kept in memory.
   */
  static async open(directory: string, options: JsonStoreOptions = {}): Promise<JsonStore> {
    await assertDataDirectory(directory);
    const lock = options.readOnly ? null : await acquireDataDirLock(directory);
    let opened: Journal | null = null;
    try {
      const { compactedThrough, validated } = await readStoreState(directory);
      const feed = new ChangeWindow(options.changeRetention ?? DEFAULT_CHANGE_RETENTION, 0);
      const replayed: ChangeEntry[] = [];
      const onEntries = (entries: ChangeEntry[]) => {
        feed.push(entries.map(toEvent));
        for (const entry of entries) if (entry.seq > compactedThrough) replayed.push(entry);
      };
      let droppedTail: DroppedTail | null = null;
      let range: { firstSeq: number; lastSeq: number };
      if (options.readOnly) {
        range = await readJournal(directory, onEntries);
      } else {
        const { fileSystem, segmentBytes } = options;
        ({ journal: opened, droppedTail } = await Journal.open(directory, { fileSystem, segmentBytes, onEntries }));
        range = { firstSeq: opened.firstSeq, lastSeq: opened.lastSeq };
      }
      const { firstSeq, lastSeq } = range;
      if (lastSeq < compactedThrough) {
        throw new DataValidationError(directory, [
          { file: 'store.json', field: 'compactedThrough', message: `says the snapshot holds changes up to ${compactedThrough}, but the journal ends at ${lastSeq}: the journal was truncated or replaced` },
        ]);
      }
      if (firstSeq > compactedThrough + 1) {
        throw new DataValidationError(directory, [
          { file: 'store.json', field: 'compactedThrough', message: `says the snapshot holds changes up to ${compactedThrough}, but the journal starts at ${firstSeq}: changes ${compactedThrough + 1} to ${firstSeq - 1} are missing` },
        ]);
      }
      const loaded = await readDataset(directory, {
        replay: replayed.length > 0 ? (data) => replayJournal(data, replayed) : undefined,
        validated: options.fullValidation ? null : validated,
      });
      const { data, digests, rules } = loaded;
      if (!loaded.trusted && !options.readOnly && replayed.length === 0 && rules !== null) {
        // These exact bytes just passed every rule: the next start need not check them again.
        await writeStoreState(directory, { compactedThrough, validated: { rules, files: digests } }, options.fileSystem);
      }
      const view = StoreView.of(data, lastSeq, { deferIndexes: true, deferSearch: true });
      const store = new JsonStore(directory, view, opened, lock, feed, compactedThrough, options);
      store.droppedTail = droppedTail;
      store.rules = rules;
      for (const [file, digest] of digests) store.digests.set(file, digest);
      for (const entry of replayed) {
        store.dirtyTypes.add(entry.type);
        if (entry.type === 'Source' && typeof (entry.record as { text?: unknown } | null)?.text === 'string') store.newTexts.add(entry.slug);
      }
      return store;
    } catch (error) {
      await opened?.close();
      await lock?.release();
      throw error;
    }
  }

  get version(): number {
    return this.currentView.version;
  }

  /**
   * Settles when the indexes of the data opened are built (they are built in the
   * background after open: posting lists, orders and dates first, then words and names,
   * then the referrers index that deletes read; queries that need one wait for it meanwhile).
   */
  get indexed(): Promise<void> {
    return this.initialView.indexed;
  }

  /** True while the indexes of the data opened are still being built. */
  get indexing(): boolean {
    return !this.initialView.isIndexed;
  }

  view(): StoreReader {
    return this.currentView;
  }

  /** The whole current data set, records and source texts: for tools that work on a data directory (import). */
  dataset(): Dataset {
    return this.currentView.data;
  }

  getMany<T extends EntityType>(type: T, slugs: readonly string[]): Promise<(Entity<T> | null)[]> {
    return this.currentView.getMany(type, slugs);
  }

  sourceTexts(slugs: readonly string[]): Promise<(string | null)[]> {
    return this.currentView.sourceTexts(slugs);
  }

  findMany<T extends EntityType>(type: T, queries: readonly FindQuery<T>[]): Promise<FindResult<T>[]> {
    return this.currentView.findMany(type, queries);
  }

  meetingTallies(queries: readonly TallyQuery[]): Promise<Tally[][]> {
    return this.currentView.meetingTallies(queries);
  }

  search(query: string, limit: number): Promise<SearchHit[]> {
    return this.currentView.search(query, limit);
  }

  counts(): Promise<Record<EntityType, number>> {
    return this.currentView.counts();
  }

  write(changes: readonly ChangeRequest[]): Promise<ChangeEvent[]> {
    if (!this.journal || this.closed) return Promise.reject(new Error(this.closed ? 'the store is closed' : 'the store was opened read-only'));
    if (changes.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ changes, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  async changes(after: number | null, first: number, through?: number): Promise<ChangePage> {
    return this.feed.page(after, first, through);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.draining;
    try {
      // A compaction that fails here loses nothing: the journal holds every change, and the next start replays it.
      if (this.journal && this.compactedThrough < this.currentView.version) await this.tryCompact(true);
    } finally {
      await this.journal?.close();
      await this.lock?.release();
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        await this.commit(this.queue.splice(0, MAX_GROUP));
        const version = this.currentView.version;
        if (version - this.compactedThrough >= this.compactEvery && version >= this.compactionRetryAt) await this.tryCompact(false);
      }
    } finally {
      // In the same synchronous step as the loop's last look at the queue: a write queued
      // after it starts a new drain. (Clearing this in a later `.finally()` left a gap in
      // which a write found the old drain still set, queued, and was never committed.)
      this.draining = null;
    }
  }

  /** Validates each request against the data as the earlier ones leave it, journals the accepted ones in one append, then publishes them. */
  private async commit(group: Pending[]): Promise<void> {
    const working = new WorkingSet(this.currentView);
    const accepted: { pending: Pending; applied: AppliedChange[] }[] = [];
    for (const pending of group) {
      try {
        accepted.push({ pending, applied: working.applyAll(pending.changes) });
      } catch (error) {
        pending.reject(error);
      }
    }
    if (accepted.length === 0) return;
    const at = new Date().toISOString();
    let seq = this.journal!.lastSeq;
    const entries = accepted.map(({ applied }) => applied.map((change) => toEntry(change, ++seq, at)));
    try {
      await this.journal!.append(entries.flat());
    } catch (error) {
      const refusal = isDiskFull(error) ? new NoSpaceLeftError(this.directory, { cause: error }) : error;
      if (refusal instanceof NoSpaceLeftError && !this.storageFull) {
        this.storageFull = true;
        this.onStorageFull(refusal);
      }
      for (const { pending } of accepted) pending.reject(refusal);
      return;
    }
    if (this.storageFull) {
      this.storageFull = false;
      this.onStorageFull(null);
    }
    this.currentView = this.currentView.next(working.changes, working.sourceTexts, seq, working.recreated);
    for (const { applied } of accepted) {
      for (const change of applied) {
        this.dirtyTypes.add(change.type);
        if (change.text !== undefined) this.newTexts.add(change.slug);
      }
    }
    const committed: ChangeEvent[] = [];
    accepted.forEach(({ pending }, i) => {
      const events = entries[i]!.map(toEvent);
      this.feed.push(events);
      committed.push(...events);
      pending.resolve(events);
    });
    for (const listener of this.listeners) {
      try {
        listener(committed, seq);
      } catch {
        // A listener must not throw; one that does cannot undo the committed write.
      }
    }
  }

  watch(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private get compactEvery(): number {
    return this.options.compactEvery ?? 1000;
  }

  /**
   * Compacts; a failure is reported once per run of failures (always at close, the last
   * chance), and the next attempt waits for another `compactEvery` changes.
   */
  private async tryCompact(closing: boolean): Promise<void> {
    try {
      await this.compact();
      this.compactionFailing = false;
    } catch (error) {
      this.compactionRetryAt = this.currentView.version + this.compactEvery;
      if (!this.compactionFailing || closing) this.onCompactionError(isDiskFull(error) ? new NoSpaceLeftError(this.directory, { cause: error }) : error);
      this.compactionFailing = true;
    }
  }

  /** Rewrites the JSON files (and new source texts) from the current version, atomically, then records how far they reach. */
  private async compact(): Promise<void> {
    const files = this.options.fileSystem ?? nodeFileSystem;
    const view = this.currentView;
    const sources = view.records('Source');
    // Texts of sources created since the last compaction (a text never changes once created).
    const written: string[] = [];
    for (const source of sources) {
      const text = view.texts.get(source.slug);
      if (!this.newTexts.has(source.slug) || source.textFile === null || text === undefined) continue;
      const file = path.join(this.directory, source.textFile);
      await files.mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(path.dirname(file), path.basename(file), text, files);
      this.digests.set(source.textFile, digestOf(text));
      written.push(source.slug);
    }
    // Every record and text of a view passed validation (at open or on write): record the digests of
    // what is on disk. Only the files of types written since the last compaction are rewritten; the
    // others keep their bytes and digests.
    const digests = new Map<string, string>();
    for (const source of sources) {
      const digest = source.textFile === null || !view.texts.has(source.slug) ? undefined : this.digests.get(source.textFile);
      if (digest !== undefined) digests.set(source.textFile!, digest);
    }
    const dirty = ENTITY_TYPES.filter((type) => this.dirtyTypes.has(type) || !this.digests.has(ENTITY_FILES[type].file));
    for (const type of ENTITY_TYPES) {
      const digest = this.digests.get(ENTITY_FILES[type].file);
      if (!dirty.includes(type) && digest !== undefined) digests.set(ENTITY_FILES[type].file, digest);
    }
    this.dirtyTypes.clear();
    try {
      const recorded = await writeSnapshot(
        this.directory,
        dirty.map((type) => ({ file: ENTITY_FILES[type].file, records: view.records(type) })),
        view.version,
        this.rules === null ? undefined : { rules: this.rules, files: digests },
        files,
      );
      for (const type of dirty) {
        const digest = recorded.get(ENTITY_FILES[type].file);
        if (digest !== undefined) this.digests.set(ENTITY_FILES[type].file, digest);
      }
    } catch (error) {
      for (const type of dirty) this.dirtyTypes.add(type);
      throw error;
    }
    this.compactedThrough = view.version;
    for (const slug of written) this.newTexts.delete(slug);
    await this.prune();
  }

  /** Deletes the journal segments the feed's retention no longer keeps (only compacted ones), and their events. */
  private async prune(): Promise<void> {
    const firstSeq = await this.journal!.prune({
      compactedThrough: this.compactedThrough,
      changes: this.options.changeRetention ?? DEFAULT_CHANGE_RETENTION,
      bytes: this.options.journalRetainBytes ?? DEFAULT_RETAIN_BYTES,
    });
    this.feed.dropBefore(firstSeq);
  }
}

function toEntry(change: AppliedChange, seq: number, at: string): ChangeEntry {
  const record = change.record === null ? null : change.text === undefined ? change.record : { ...change.record, text: change.text };
  return { seq, at, operation: change.operation, type: change.type, slug: change.slug, record };
}

function toEvent(entry: ChangeEntry): ChangeEvent {
  return { seq: entry.seq, at: entry.at, operation: entry.operation, type: entry.type, slug: entry.slug };
}
