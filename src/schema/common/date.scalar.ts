import { GraphQLScalarType } from 'graphql';
import { GraphQLLocalDate } from 'graphql-scalars';

const localDate = GraphQLLocalDate.toConfig();
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `Date`: a calendar day as `YYYY-MM-DD`, validated by graphql-scalars' LocalDate rules on
 * input; values stay strings. On output, a day-shaped string passes as it is: every date
 * in the store was checked as a calendar day when it was loaded or written.
 */
export const DateScalar = new GraphQLScalarType({
  ...localDate,
  name: 'Date',
  description: 'A calendar day in `YYYY-MM-DD` form (ISO 8601, no time zone), e.g. `2023-04-30`.',
  serialize: (value) => (typeof value === 'string' && DAY.test(value) ? value : localDate.serialize(value)),
});
