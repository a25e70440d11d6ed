import { GraphQLError } from 'graphql';

/** A malformed or out-of-range argument: the client must change its request. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, argumentName?: string) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', ...(argumentName ? { argumentName } : {}) } });
    this.name = 'BadUserInputError';
  }
}
