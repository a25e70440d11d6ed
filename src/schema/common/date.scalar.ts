import { GraphQLScalarType } from 'graphql';
import { GraphQLLocalDate } from 'graphql-scalars';

/** `Date`: a calendar day as `YYYY-MM-DD`, validated by graphql-scalars' LocalDate rules; values stay strings. */
export const DateScalar = new GraphQLScalarType({
  ...GraphQLLocalDate.toConfig(),
  name: 'Date',
  description: 'A calendar day in `YYYY-MM-DD` form (ISO 8601, no time zone), e.g. `2023-04-30`.',
});
