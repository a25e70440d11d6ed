import { GraphQLError } from 'graphql';

/** One invalid input field: its path from the argument (`input.participants.0.personId`) and what is wrong. */
export interface InvalidField {
  path: string;
  message: string;
}

/** A malformed, out-of-range or rule-breaking argument: the client must change its request. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, argumentName?: string, extensions: { fields?: InvalidField[]; referencedBy?: string[]; draftCode?: string } = {}) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', ...(argumentName ? { argumentName } : {}), ...extensions } });
    this.name = 'BadUserInputError';
  }
}
