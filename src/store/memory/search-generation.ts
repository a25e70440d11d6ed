/**
 * The word and name indexes of a table lineage (word-index.ts, and MiniSearch for names,
 * which ranks and forgives typos). Both grow in place, so one generation is shared by
 * every version of a table and only ever grows: each record version is added once under
 * its own id (its rid), and a table version keeps only the hits whose rid is live in it.
 * Older versions therefore keep their answers while newer ones add records. When dead records outnumber live ones, a new generation is built
 * from the live records; versions holding the old one keep it.
 *
 * A generation can be built deferred: it knows its records at once, but indexes them
 * later (`index`), a chunk at a time, yielding to the event loop between chunks. Records
 * added meanwhile (writes) are indexed at once. Until `ready` settles, searches throw:
 * callers wait for it.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import MiniSearch from 'minisearch';
import { foldText } from '../../domain/fold-text';
import type { TableSpec } from '../keys/table-spec';
import { MIN_PREFIX_LENGTH, wordTerms } from '../keys/word-terms';
import { WordIndex } from './word-index';

/** Records turned into documents at a time for one `addAllAsync`, and MiniSearch's chunk (between two yields) within it. */
const BATCH = 4000;
const CHUNK = 500;
/** Records whose words are indexed between two yields to the event loop. */
const WORDS_CHUNK = 2000;

export class SearchGeneration<R extends { slug: string }> {
  private readonly byRid = new Map<number, R>();
  private readonly words?: WordIndex;
  private readonly names?: MiniSearch<{ id: number; name: string; aliases: string }>;
  /** The records still to index (deferred), in rid order. */
  private pending: { rid: number; record: R }[] | null = null;
  private indexing: Promise<void> | null = null;
  /** Settles when every record given at construction is indexed. */
  readonly ready: Promise<void>;
  private markReady!: (error?: unknown) => void;
  isReady = false;

  constructor(
    private readonly spec: TableSpec<R>,
    records: Iterable<{ rid: number; record: R }>,
    deferred = false,
  ) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.markReady = (error) => {
        if (error === undefined) {
          this.isReady = true;
          resolve();
        } else reject(error);
      };
    });
    // Callers that never wait must not see an unhandled rejection.
    this.ready.catch(() => undefined);
    if (spec.text) this.words = new WordIndex();
    if (spec.names) {
      this.names = new MiniSearch({
        fields: ['name', 'aliases'],
        processTerm: foldText,
        searchOptions: { boost: { name: 2 }, prefix: (term) => term.length >= MIN_PREFIX_LENGTH, fuzzy: 0.2, combineWith: 'AND' },
      });
    }
    if (deferred && (spec.text || spec.names)) {
      // Not even looked up by rid until `index`: nothing reads a record through the generation before it is ready.
      this.pending = [...records];
      return;
    }
    const names: { id: number; name: string; aliases: string }[] = [];
    for (const { rid, record } of records) {
      this.byRid.set(rid, record);
      this.words?.add(rid, wordTerms(spec.text!(record)));
      if (spec.names) names.push(nameDocument(spec, rid, record));
    }
    this.words?.seal();
    this.names?.addAll(names);
    this.markReady();
  }

  /** Indexes the deferred records (at most once; names first, then words), yielding between chunks; settles `ready`. */
  index(): Promise<void> {
    if (this.indexing) return this.indexing;
    const pending = this.pending;
    this.pending = null;
    for (const { rid, record } of pending ?? []) this.byRid.set(rid, record);
    this.indexing = (async () => {
      if (pending) {
        for (let from = 0; from < pending.length; from += BATCH) {
          const batch = pending.slice(from, from + BATCH);
          await this.names?.addAllAsync(batch.map(({ rid, record }) => nameDocument(this.spec, rid, record)), { chunkSize: CHUNK });
        }
        const words = this.words;
        if (words) {
          for (let from = 0; from < pending.length; from += WORDS_CHUNK) {
            if (from > 0) await yieldToEventLoop();
            for (const { rid, record } of pending.slice(from, from + WORDS_CHUNK)) words.add(rid, wordTerms(this.spec.text!(record)));
          }
          words.seal();
        }
      }
    })().then(
      () => this.markReady(),
      (error: unknown) => this.markReady(error ?? new Error('indexing failed')),
    );
    return this.indexing;
  }

  /** How many record versions the generation holds, live or not. */
  get size(): number {
    return this.byRid.size + (this.pending?.length ?? 0);
  }

  get hasWords(): boolean {
    return this.words !== undefined;
  }

  add(rid: number, record: R): void {
    if (this.byRid.has(rid)) return;
    this.byRid.set(rid, record);
    this.words?.add(rid, wordTerms(this.spec.text!(record)));
    this.names?.add(nameDocument(this.spec, rid, record));
  }

  record(rid: number): R {
    return this.byRid.get(rid)!;
  }

  /** The rids of the record versions holding every word of `text` as a word prefix. */
  matchWords(text: string): Set<number> {
    if (!this.words) throw new Error('this type has no text index');
    if (!this.isReady) throw new Error('the text index is still being built: wait for `ready`');
    return this.words.match(wordTerms(text));
  }

  /** Name hits, best first: rid and MiniSearch's relevance. */
  searchNames(query: string): { rid: number; score: number }[] {
    if (!this.names) return [];
    if (!this.isReady) throw new Error('the name index is still being built: wait for `ready`');
    return this.names.search(query).map((hit) => ({ rid: hit.id as number, score: hit.score }));
  }
}

function nameDocument<R>(spec: TableSpec<R>, id: number, record: R): { id: number; name: string; aliases: string } {
  const { name, aliases } = spec.names!(record);
  return { id, name, aliases: aliases.join(' ') };
}
