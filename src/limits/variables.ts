/**
 * Bounds on a request's variables, checked on the parsed JSON before anything else walks
 * it (Apollo, graphql's coercion, the cost cache's key and the logger all recurse into
 * variables, and a value 5,000 lists deep overflows their stacks). The walk here is
 * iterative, so it is safe at any depth. Then, once the operation is known, strings that are
 * not well-formed Unicode are refused (`illFormedVariablesError`), on every transport and
 * store alike; the query text itself needs no such check: graphql's lexer already refuses a
 * lone surrogate in a string literal.
 */
import { GraphQLError } from 'graphql';
import { BadUserInputError } from '../errors/bad-user-input.error';
import { illFormedStrings } from '../jsutils/ill-formed-strings';

/** How deep lists and objects may nest in one variable's value (`{"v": [[1]]}` is 2). */
export const MAX_VARIABLES_DEPTH = 32;

/** How many values (lists, objects, scalars and nulls, at every level) the variables may hold in all. */
export const MAX_VARIABLE_VALUES = 10_000;

/** BAD_REQUEST (HTTP 400) when `variables` nest deeper or hold more values than the bounds above, else null. */
export function checkVariables(variables: unknown): GraphQLError | null {
  if (variables === null || typeof variables !== 'object') return null;
  const pending: [unknown, number][] = [];
  let values = 0;
  // Counted before they are pushed: a list of 200,000 values is refused at its length, unwalked.
  const push = (container: object, depth: number): boolean => {
    const items = Array.isArray(container) ? container : Object.values(container);
    values += items.length;
    if (values > MAX_VARIABLE_VALUES) return false;
    for (const value of items) pending.push([value, depth]);
    return true;
  };
  const tooMany = () => refusal(`The variables hold more than ${MAX_VARIABLE_VALUES} values.`);
  if (!push(variables, 0)) return tooMany();
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth + 1 > MAX_VARIABLES_DEPTH) return refusal(`The variables nest lists and objects deeper than ${MAX_VARIABLES_DEPTH} levels.`);
    if (!push(value, depth + 1)) return tooMany();
  }
  return null;
}

function refusal(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
}

/**
 * BAD_USER_INPUT naming every variable path (`input.citations.0.quote`) that holds a lone
 * surrogate; null when all are well-formed.
 */
export function illFormedVariablesError(variables: Readonly<Record<string, unknown>> | null | undefined): BadUserInputError | null {
  if (variables === null || variables === undefined) return null;
  const found = illFormedStrings(variables);
  if (found.length === 0) return null;
  const fields = found.map(({ path, message }) => ({ path: path.join('.'), message }));
  const [first] = found;
  const more = found.length > 1 ? ` (${found.length - 1} more in extensions.fields)` : '';
  return new BadUserInputError(`Variable "$${String(first!.path[0])}" at ${fields[0]!.path} ${first!.message}${more}`, undefined, { fields });
}
