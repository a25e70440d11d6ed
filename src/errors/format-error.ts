/**
 * Shapes every GraphQL error leaving the server: each carries `extensions.code`, and
 * outside development an unexpected error shows no message, path or stack of ours.
 */
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

const INTERNAL = 'INTERNAL_SERVER_ERROR';

/** Apollo's `formatError` for this server. */
export function createFormatError(development: boolean, logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = (formatted.extensions?.code as string | undefined) ?? INTERNAL;
    if (code === INTERNAL) {
      logger.error({ err: (error as { originalError?: unknown })?.originalError ?? error, path: formatted.path }, 'unexpected error while resolving');
      if (!development) {
        return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code } };
      }
    }
    return { ...formatted, extensions: { ...formatted.extensions, code } };
  };
}
