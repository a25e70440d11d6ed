/**
 * Shapes every GraphQL error leaving the server (HTTP and WebSocket): each carries
 * `extensions.code`; outside development an unexpected error shows no message, path or
 * stack of ours, and no error suggests schema names ("Did you mean …?").
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

const INTERNAL = 'INTERNAL_SERVER_ERROR';
/** graphql-js's suggestion tail (jsutils/didYouMean), always the end of its message. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

/**
 * The code of an error that has none. graphql-js and Apollo raise some errors about the
 * request itself without a code (a subscription this schema does not serve, a persisted
 * query whose hash does not match): a GraphQLError with no path and no underlying error
 * is such a request error, the client's to fix. Anything else is ours.
 */
function defaultCode(formatted: GraphQLFormattedError, error: unknown): string {
  const requestError = formatted.path === undefined && error instanceof GraphQLError && error.originalError == null && error.extensions?.code === undefined;
  return requestError ? 'BAD_REQUEST' : INTERNAL;
}

/** Apollo's `formatError` for this server. */
export function createFormatError(development: boolean, logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Apollo marks every error that has no code as INTERNAL_SERVER_ERROR before it gets here.
    const given = formatted.extensions?.code as string | undefined;
    const code = given === undefined || given === INTERNAL ? defaultCode(formatted, error) : given;
    if (code === INTERNAL) {
      logger.error({ err: (error as { originalError?: unknown })?.originalError ?? error, path: formatted.path }, 'unexpected error while resolving');
      if (!development) {
        return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code } };
      }
    }
    // Apollo's hideSchemaDetailsFromClientErrors strips suggestions from validation errors
    // only; graphql-js also suggests in variable-coercion errors (getVariableValues: an enum
    // value, an input field), which reach every path here. Only errors about the request
    // (no path) come from graphql-js: a resolver's own message is left as written.
    const message = !development && formatted.path === undefined ? formatted.message.replace(SUGGESTION, '') : formatted.message;
    return { ...formatted, message, extensions: { ...formatted.extensions, code } };
  };
}
