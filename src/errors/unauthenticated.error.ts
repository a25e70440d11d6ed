import { GraphQLError } from 'graphql';

/** The request carries no valid bearer token for an operation that needs one (HTTP 401). */
export class UnauthenticatedError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new Map([['www-authenticate', 'Bearer realm="entente"']]) } } });
    this.name = 'UnauthenticatedError';
  }
}
