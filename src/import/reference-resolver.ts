/**
 * Resolves a bundle's references to slugs: first among the bundle's own records, then
 * among the records already stored. A name that matches no record, or several, is a
 * problem at the reference's bundle path.
 */
import { ENTITY_TYPES, type EntityType, type RecordOf } from '../store/contract/records';
import type { ImportProblem } from './import-problem';
import { NameIndex, namesOf } from './name-index';

export class ReferenceResolver {
  private readonly bundle = indexes();
  private readonly stored = indexes();

  constructor(existing: { readonly [T in EntityType]: readonly RecordOf[T][] }) {
    for (const type of ENTITY_TYPES) {
      for (const record of existing[type] as readonly RecordOf[EntityType][]) {
        this.stored[type].add(record.slug, [record.slug], namesOf(type, record));
      }
    }
  }

  /** Registers a bundle record: `target` is the slug it will have (a stored record's when reused). */
  addBundleRecord(type: EntityType, target: string, slugs: readonly string[], names: readonly string[]): void {
    this.bundle[type].add(target, slugs, names);
  }

  /** Stored records of `type` with a name matching one of `names`, folded. */
  storedByName(type: EntityType, names: readonly string[]): string[] {
    return [...new Set(names.flatMap((name) => this.stored[type].findByName(name)))];
  }

  /** Stored records of `type` that `reference` names: by exact slug, else by name, folded. */
  storedFind(type: EntityType, reference: string): string[] {
    return this.stored[type].find(reference);
  }

  /** The slug `reference` names, or null after recording why there is none. */
  resolve(type: EntityType, reference: string, path: string, problems: ImportProblem[]): string | null {
    for (const [where, index] of [['the bundle', this.bundle[type]], ['the data directory', this.stored[type]]] as const) {
      const found = index.find(reference);
      if (found.length === 1) return found[0]!;
      if (found.length > 1) {
        const list = found.map((slug) => JSON.stringify(slug)).join(', ');
        problems.push({ path, message: `ambiguous ${type} ${JSON.stringify(reference)}: it names ${found.length} records in ${where} (${list}); use a slug` });
        return null;
      }
    }
    problems.push({ path, message: `unknown ${type} ${JSON.stringify(reference)}: no ${type} in the bundle or the data directory has this slug or name` });
    return null;
  }
}

function indexes(): Record<EntityType, NameIndex> {
  return Object.fromEntries(ENTITY_TYPES.map((type) => [type, new NameIndex()])) as Record<EntityType, NameIndex>;
}
