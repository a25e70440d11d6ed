/** Finding records of one type by what a bundle's author may call them. */
import { foldText } from '../domain/fold-text';
import type { EntityType } from '../store/contract/records';

/** The fields that name a record, whether a bundle record or a stored one. */
interface Named {
  name?: string;
  title?: string;
  aliases?: readonly string[];
  names?: readonly { value: string }[];
  isoCode?: string;
}

/** The names a record answers to besides its slug: name or title, aliases, names in other languages and, for a country, its ISO code. */
export function namesOf(type: EntityType, record: object): string[] {
  const named = record as Named;
  const names = [named.name ?? named.title, ...(named.aliases ?? []), ...(named.names ?? []).map(({ value }) => value)];
  if (type === 'Country') names.push(named.isoCode);
  return names.filter((name): name is string => typeof name === 'string');
}

/**
 * A name as names are compared: its words, folded (case and accents ignored), so that
 * punctuation and spacing do not tell names apart ("Washington, D.C." is "Washington D.C.").
 */
export function nameKey(name: string): string {
  const folded = foldText(name);
  const words = folded.replace(NOT_A_WORD, ' ').trim();
  return words === '' ? folded : words;
}

/** Runs of what is neither a letter nor a digit: what separates words (fold-text.ts's `foldedWords`). */
const NOT_A_WORD = /[^\p{L}\p{N}]+/gu;

/** Slugs of records found by slug or by a name compared case-, accent- and punctuation-insensitively. */
export class NameIndex {
  private readonly bySlug = new Map<string, string>();
  private readonly byName = new Map<string, Set<string>>();

  /** Adds the record whose slug is `target`, answering to `slugs` exactly and to `names` folded. */
  add(target: string, slugs: readonly string[], names: readonly string[]): void {
    for (const slug of slugs) this.bySlug.set(slug, target);
    for (const name of names) {
      const key = nameKey(name);
      let targets = this.byName.get(key);
      if (!targets) this.byName.set(key, (targets = new Set()));
      targets.add(target);
    }
  }

  /** The records `reference` names: its exact slug wins; otherwise every record with a matching name. */
  find(reference: string): string[] {
    const bySlug = this.bySlug.get(reference);
    return bySlug !== undefined ? [bySlug] : this.findByName(reference);
  }

  /** The records with a name matching `name`, folded. */
  findByName(name: string): string[] {
    return [...(this.byName.get(nameKey(name)) ?? [])];
  }
}
