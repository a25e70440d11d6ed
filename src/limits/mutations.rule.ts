/**
 * Maximum mutation fields: how many writes one mutation operation asks for. Each root field
 * of a mutation is a durable write of its own, run one after another (the GraphQL spec's
 * serial execution), so the operation's length is the time it holds the write queue;
 * more belongs in a bundle (`npm run import`). Fields are counted by response name, through
 * fragments, as graphql-js executes them (`__typename` writes nothing).
 */
import type { ASTVisitor, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';
import { QueryLimitError } from './limit-error';

/** The most mutation fields (writes) one operation may hold. */
export const MAX_MUTATION_FIELDS = 25;

export function maxMutationFieldsRule(maxFields: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const collect = (set: SelectionSetNode, names: Set<string>, visiting: Set<string>): void => {
      for (const selection of set.selections) {
        if (selection.kind === 'Field') {
          if (selection.name.value !== '__typename') names.add(selection.alias?.value ?? selection.name.value);
        } else if (selection.kind === 'InlineFragment') {
          collect(selection.selectionSet, names, visiting);
        } else {
          const name = selection.name.value;
          const fragment = context.getFragment(name);
          if (!fragment || visiting.has(name)) continue; // unknown or cyclic: graphql's own rules report it
          visiting.add(name);
          collect(fragment.selectionSet, names, visiting);
          visiting.delete(name);
        }
      }
    };
    return {
      OperationDefinition(operation) {
        if (operation.operation !== 'mutation') return;
        const names = new Set<string>();
        collect(operation.selectionSet, names, new Set());
        if (names.size > maxFields) {
          context.reportError(new QueryLimitError('TOO_MANY_MUTATIONS', 'The mutation has too many fields, each a write of its own', maxFields, names.size, [operation]));
        }
      },
    };
  };
}
