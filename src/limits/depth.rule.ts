/**
 * Maximum depth: how many fields deep the deepest selection goes (`{ a { b } }` is 2),
 * through fragments. Introspection (`__schema`, `__type`) is not counted: the IDE's and
 * SDK's introspection query is deep by nature and fixed.
 */
import type { ASTVisitor, FragmentDefinitionNode, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';
import { QueryLimitError } from './limit-error';

export function maxDepthRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragmentDepths = new Map<string, number>();
    const selectionDepth = (set: SelectionSetNode | undefined, visiting: Set<string>): number => {
      let deepest = 0;
      for (const selection of set?.selections ?? []) {
        let depth = 0;
        if (selection.kind === 'Field') {
          if (selection.name.value.startsWith('__') && selection.name.value !== '__typename') continue;
          depth = 1 + selectionDepth(selection.selectionSet, visiting);
        } else if (selection.kind === 'InlineFragment') {
          depth = selectionDepth(selection.selectionSet, visiting);
        } else {
          depth = fragmentDepth(context.getFragment(selection.name.value), visiting);
        }
        deepest = Math.max(deepest, depth);
      }
      return deepest;
    };
    const fragmentDepth = (fragment: FragmentDefinitionNode | null | undefined, visiting: Set<string>): number => {
      if (!fragment) return 0;
      const name = fragment.name.value;
      const known = fragmentDepths.get(name);
      if (known !== undefined) return known;
      // A cycle is reported by graphql's own NoFragmentCycles rule.
      if (visiting.has(name)) return 0;
      visiting.add(name);
      const depth = selectionDepth(fragment.selectionSet, visiting);
      visiting.delete(name);
      fragmentDepths.set(name, depth);
      return depth;
    };
    return {
      OperationDefinition(operation) {
        const depth = selectionDepth(operation.selectionSet, new Set());
        if (depth > maxDepth) {
          context.reportError(new QueryLimitError('QUERY_TOO_DEEP', 'The query is too deep', maxDepth, depth, [operation]));
        }
      },
    };
  };
}
