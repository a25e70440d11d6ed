/**
 * Error hygiene for errors sent over WebSocket, as Apollo's formatError gives HTTP: every
 * error carries `extensions.code`, an unexpected error shows no message, path or stack of
 * ours outside development, schema suggestions ("Did you mean …?") only in development
 * (all three by src/errors/format-error.ts), and every code sent is counted in `graphql_errors_total`.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { createFormatError } from '../errors/format-error';
import type { Metrics } from '../metrics';
import { errorCodeLabel } from '../observability/labels';

export type FormatErrors = (errors: readonly GraphQLError[]) => GraphQLFormattedError[];

/** Formats errors for the client, and counts them. */
export function createFormatErrors(development: boolean, logger: Logger, metrics: Metrics): FormatErrors {
  const formatError = createFormatError(development, logger);
  return (errors) =>
    errors.map((wrapped) => {
      const error = unwrap(wrapped);
      const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
      const formatted = formatError({ ...error.toJSON(), extensions }, error);
      metrics.graphqlErrors.inc({ code: errorCodeLabel(String(formatted.extensions?.code)) });
      return formatted;
    });
}

/**
 * graphql-ws reports an error thrown by the event stream (SUBSCRIBER_TOO_SLOW) wrapped in
 * a new GraphQLError; the error thrown is the one to format.
 */
function unwrap(error: GraphQLError): GraphQLError {
  const original = error.originalError;
  return original instanceof GraphQLError && error.path === undefined ? original : error;
}
