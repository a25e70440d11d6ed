import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { Config } from './config';

/**
 * Paths pino removes from every log line, whatever the level: credentials in headers (the
 * Authorization header holds the API token) and anything named like a token or secret.
 * GraphQL variables are never logged (they may hold secrets), only their top-level keys.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'token',
  'cookie',
  '*.authorization',
  '*.token',
  '*.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  'variables',
  '*.variables',
];

/** Entente's pino options at `level`. */
export function loggerOptions(level: Config['logLevel']): LoggerOptions {
  return { level, redact: { paths: REDACT_PATHS, remove: true } };
}

/** A JSON logger at the configured level (to stdout, or `destination`); the Authorization header is never logged. */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = loggerOptions(config.logLevel);
  return destination ? pino(options, destination) : pino(options);
}
