import pino, { type Logger } from 'pino';
import type { Config } from './config';

/** A JSON logger at the configured level; the Authorization header is never logged. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, redact: ['req.headers.authorization', 'headers.authorization'] });
}
