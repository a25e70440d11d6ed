import { GraphQLError } from 'graphql';

/** The operation is not allowed for this caller or on this server (HTTP 403). */
export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
    this.name = 'ForbiddenError';
  }
}
