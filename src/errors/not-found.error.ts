import { GraphQLError } from 'graphql';

/** An operation named an entity that does not exist (reads return null instead). */
export class NotFoundError extends GraphQLError {
  constructor(message: string, argumentName?: string) {
    super(message, { extensions: { code: 'NOT_FOUND', ...(argumentName ? { argumentName } : {}) } });
    this.name = 'NotFoundError';
  }
}
