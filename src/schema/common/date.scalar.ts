import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import { isCalendarDate } from '../../domain/calendar-date';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The one message for a value that is not a calendar day, naming the schema's type and echoing the value. */
function notADate(shown: string, node?: ValueNode): GraphQLError {
  return new GraphQLError(`Date must be a real calendar day as YYYY-MM-DD, e.g. "2023-04-30"; got ${shown}.`, node ? { nodes: node } : undefined);
}

/** Checks an input value: a `YYYY-MM-DD` string naming a day of the Gregorian calendar. */
function parseDate(value: unknown, node?: ValueNode): string {
  if (isCalendarDate(value)) return value;
  throw notADate(typeof value === 'string' ? JSON.stringify(value.slice(0, 100)) : String(JSON.stringify(value) ?? value).slice(0, 100), node);
}

/**
 * `Date`: a calendar day as `YYYY-MM-DD`; values stay strings. Input is checked as a real
 * day (no 2023-02-30). On output, a day-shaped string passes as it is: every date in the
 * store was checked as a calendar day when it was loaded or written.
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar day in `YYYY-MM-DD` form (ISO 8601, no time zone), e.g. `2023-04-30`.',
  serialize: (value) => {
    if (typeof value === 'string' && DAY.test(value)) return value;
    throw new GraphQLError(`Date cannot represent ${String(value).slice(0, 100)}: not a YYYY-MM-DD day.`);
  },
  parseValue: (value) => parseDate(value),
  parseLiteral: (node) => {
    if (node.kind !== Kind.STRING) throw notADate(print(node).slice(0, 100), node);
    return parseDate(node.value, node);
  },
});
