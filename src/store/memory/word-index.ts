/**
 * A word index: for each word, the ids of the texts holding it, answering "every query
 * term is a prefix of some word of the text" (MiniSearch's `search(text, { prefix: true,
 * combineWith: 'AND' })`, without its scores, which text filters never read). Words are
 * kept sorted with one Int32Array of ids each: 4 bytes per word of a text, where
 * MiniSearch's nested maps took about 50 (123 MiB for the words of 100,000 meetings).
 *
 * Terms arrive already tokenized and folded (see `wordTerms` in keys/word-terms.ts), so the
 * same function makes the terms of texts and of queries.
 */
import { compareStrings } from '../contract/compare';
import { firstIndexWhere } from './binary-search';

/** Word-text pairs added before they are sorted in: queries scan the words added since the last sealing. */
const ADDED_LIMIT = 200_000;

export class WordIndex {
  /** Sorted words, and the ascending ids of the texts holding each (parallel to `words`). */
  private words: string[] = [];
  private ids: Int32Array[] = [];
  /** Words of texts added since the last `seal`: word → ids, in the order added. */
  private added = new Map<string, number[]>();
  private addedPairs = 0;

  /** Indexes the text `id` by its terms. Texts are added once each. */
  add(id: number, terms: readonly string[]): void {
    for (const term of terms) {
      const list = this.added.get(term);
      if (!list) this.added.set(term, [id]);
      else if (list[list.length - 1] !== id) list.push(id);
      else continue;
      this.addedPairs++;
    }
    if (this.addedPairs > ADDED_LIMIT) this.seal();
  }

  /** Sorts the words added since the last call into the sorted arrays. */
  seal(): void {
    if (this.added.size === 0) return;
    const merged = new Map<string, Int32Array>();
    for (let i = 0; i < this.words.length; i++) merged.set(this.words[i]!, this.ids[i]!);
    for (const [word, list] of this.added) {
      const old = merged.get(word);
      const ids = old ? new Int32Array(old.length + list.length) : Int32Array.from(list);
      if (old) {
        ids.set(old);
        ids.set(list, old.length);
      }
      merged.set(word, ids.sort());
    }
    this.words = [...merged.keys()].sort(compareStrings);
    this.ids = this.words.map((word) => merged.get(word)!);
    this.added = new Map();
    this.addedPairs = 0;
  }

  /** The ids of the texts in which every term of `terms` begins some word; none when `terms` is empty. */
  match(terms: readonly string[]): Set<number> {
    let result: Set<number> | null = null;
    for (const term of terms) {
      const found = new Set<number>();
      const keep = (id: number) => {
        if (result === null || result.has(id)) found.add(id);
      };
      // Words with this prefix are contiguous in sorted order, from the first not below it.
      for (let i = firstIndexWhere(this.words.length, (w) => this.words[w]! >= term); i < this.words.length && this.words[i]!.startsWith(term); i++) this.ids[i]!.forEach(keep);
      for (const [word, list] of this.added) if (word.startsWith(term)) list.forEach(keep);
      result = found;
      if (found.size === 0) break;
    }
    return result ?? new Set();
  }
}

