/**
 * Refuses operation variables that hold ill-formed Unicode (a lone surrogate), before
 * anything executes, on every transport and store alike. The query text itself needs no
 * check: graphql's lexer already refuses a lone surrogate in a string literal.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import { illFormedStrings } from '../../jsutils/ill-formed-strings';

/** BAD_USER_INPUT naming every variable path (`input.citations.0.quote`) that holds a lone surrogate; null when all are well-formed. */
export function illFormedVariablesError(variables: Readonly<Record<string, unknown>> | null | undefined): BadUserInputError | null {
  if (variables === null || variables === undefined) return null;
  const found = illFormedStrings(variables);
  if (found.length === 0) return null;
  const fields = found.map(({ path, message }) => ({ path: path.join('.'), message }));
  const [first] = found;
  const more = found.length > 1 ? ` (${found.length - 1} more in extensions.fields)` : '';
  return new BadUserInputError(`Variable "$${String(first!.path[0])}" at ${fields[0]!.path} ${first!.message}${more}`, undefined, { fields });
}

/** The Apollo plugin that answers ill-formed variables with BAD_USER_INPUT, and the status graphql's own variable errors get (400; 200 in application/json). */
export function wellFormedVariablesPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          const error = illFormedVariablesError(request.variables);
          if (error === null) return;
          Object.assign(error.extensions, { http: { status: 400 } });
          throw error;
        },
      };
    },
  };
}
