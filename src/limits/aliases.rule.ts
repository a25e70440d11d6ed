/**
 * Maximum aliases: how many aliased fields an operation has, counting a fragment's
 * aliases once for every place it is spread (aliases are how one query asks for the
 * same expensive field many times).
 */
import type { ASTVisitor, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';
import { QueryLimitError } from './limit-error';

export function maxAliasesRule(maxAliases: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragmentCounts = new Map<string, number>();
    const count = (set: SelectionSetNode | undefined, visiting: Set<string>): number => {
      let total = 0;
      for (const selection of set?.selections ?? []) {
        if (selection.kind === 'Field') {
          total += (selection.alias ? 1 : 0) + count(selection.selectionSet, visiting);
        } else if (selection.kind === 'InlineFragment') {
          total += count(selection.selectionSet, visiting);
        } else {
          const name = selection.name.value;
          let known = fragmentCounts.get(name);
          if (known === undefined) {
            const fragment = context.getFragment(name);
            if (!fragment || visiting.has(name)) continue; // unknown or cyclic: graphql's own rules report it
            visiting.add(name);
            known = count(fragment.selectionSet, visiting);
            visiting.delete(name);
            fragmentCounts.set(name, known);
          }
          total += known;
        }
      }
      return total;
    };
    return {
      OperationDefinition(operation) {
        const aliases = count(operation.selectionSet, new Set());
        if (aliases > maxAliases) {
          context.reportError(new QueryLimitError('TOO_MANY_ALIASES', 'The query has too many aliases', maxAliases, aliases, [operation]));
        }
      },
    };
  };
}
