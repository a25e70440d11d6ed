/**
 * Configuration, read once from the environment and validated. Every setting has a
 * default that runs; a bad value stops start-up with a message naming the variable.
 */
import { isIP } from 'node:net';
import path from 'node:path';
import { projectRoot } from './project-root';
import { DEFAULT_CHANGE_RETENTION } from './store/contract/change-feed';
import { DEFAULT_RETAIN_BYTES, DEFAULT_SEGMENT_BYTES } from './store/json/persistence/journal';
import { redactUrl } from './store/postgres/database';
import { DEFAULT_READ_WAIT_MS } from './store/postgres/read-routing';
import { DEFAULT_RECORD_CACHE_SIZE } from './store/postgres/record-cache';

export interface Config {
  /**
   * The address to listen on (HOST): `127.0.0.1` by default, reachable from this machine
   * only; `0.0.0.0` (every IPv4 interface) or `::` (every interface) in a container or on a
   * server that others call. An IP address or a host name.
   */
  host: string;
  /** TCP port to listen on (0 picks a free one). */
  port: number;
  /** The JSON data directory: DATA_DIR, else the working copy `.data/` (see `dataDirectory`). */
  dataDir: string;
  /** The committed `data/` that `dataDir` is made from when DATA_DIR is unset and it does not exist yet; null when DATA_DIR is set. */
  seedDir: string | null;
  /** Bearer tokens allowed to write (used once mutations exist). */
  apiTokens: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Schema introspection: on unless INTROSPECTION=false (the IDE and the SDK need it). */
  introspection: boolean;
  /**
   * The key that signs connection cursors. Replicas must share it; a built-in default
   * keeps cursors valid across restarts, and CURSOR_SECRET makes them unforgeable.
   */
  cursorSecret: string;
  /** Only `development` shows stack traces; unset counts as production. */
  development: boolean;
  /** Browser origins (`https://example.org`) allowed to call /graphql cross-origin; none by default. */
  corsOrigins: string[];
  /** Query limits, enforced before execution (README, "Query limits"). */
  maxQueryDepth: number;
  maxQueryCost: number;
  maxAliases: number;
  maxTokens: number;
  /** The largest request body accepted, in bytes; larger is a 413. */
  maxBodyBytes: number;
  /** How long a GraphQL request may run before it is cut off with REQUEST_TIMEOUT. */
  requestTimeoutMs: number;
  /** How long a client has to send a request's headers (Node's `headersTimeout`). */
  headersTimeoutMs: number;
  /** How long a client has to send a whole request, headers and body (Node's `requestTimeout`). */
  httpRequestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open (Node's `keepAliveTimeout`). */
  keepAliveTimeoutMs: number;
  /** The most bytes the response cache keeps (src/cache); 0 turns it off. */
  responseCacheMaxBytes: number;
  /** PostgreSQL connection string (DATABASE_URL): the PostgreSQL store instead of the JSON one when set. */
  databaseUrl: string | null;
  /** The PostgreSQL schema holding Entente's tables (DATABASE_SCHEMA, default `entente`). */
  databaseSchema: string;
  /** Streaming replicas of DATABASE_URL's database that requests read from (DATABASE_READ_URL, comma-separated); none by default. */
  databaseReadUrls: string[];
  /** How long a request waits for a replica to replay the version it needs before reading on the primary (DATABASE_READ_WAIT_MS). */
  databaseReadWaitMs: number;
  /** How many records the PostgreSQL store keeps in this process for the data version it follows (PG_RECORD_CACHE; 0: none). */
  pgRecordCache: number;
  /** FEDERATION=1: serve the schema as an Apollo Federation 2 subgraph. */
  federation: boolean;
  /** The most change events a live subscriber may have waiting before it is disconnected (SUBSCRIPTION_BUFFER). */
  subscriptionBuffer: number;
  /** The most WebSocket connections open at once on this server; more are closed with 1013 TOO_MANY_CONNECTIONS (MAX_WS_CONNECTIONS). */
  maxWsConnections: number;
  /** The most subscriptions running at once on this server, over all connections; more get TOO_MANY_SUBSCRIPTIONS (MAX_SUBSCRIPTIONS). */
  maxSubscriptions: number;
  /** How many of the latest changes the change feed keeps, on either store (CHANGE_RETENTION); older cursors get RESYNC_REQUIRED. */
  changeRetention: number;
  /** The JSON store seals its journal's active segment once it holds this many bytes (JOURNAL_SEGMENT_BYTES). */
  journalSegmentBytes: number;
  /** The JSON store deletes compacted sealed segments while they hold more bytes than this, even within CHANGE_RETENTION (JOURNAL_RETAIN_BYTES). */
  journalRetainBytes: number;
}

/** The committed article data: the seed of the default data directory, which the server never writes. */
const SEED_DATA_DIR = path.join(projectRoot(__dirname), 'data');
/** The default data directory: a working copy of the seed at the project root, outside version control (.gitignore). */
const DEFAULT_DATA_DIR = path.join(projectRoot(__dirname), '.data');

/**
 * The data directory of DATA_DIR (resolved against `cwd`) with no seed, or, DATA_DIR unset,
 * the default working directory with the seed it is made from: experiments write there, so
 * they never change the committed data/. Read by the server and by `npm run import` and `data:check`.
 */
export function dataDirectory(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): { dataDir: string; seedDir: string | null } {
  return env.DATA_DIR ? { dataDir: path.resolve(cwd, env.DATA_DIR), seedDir: null } : { dataDir: DEFAULT_DATA_DIR, seedDir: SEED_DATA_DIR };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A DNS host name: dot-separated labels of letters, digits and inner hyphens. */
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

const POSTGRES_URL = /^postgres(ql)?:\/\//;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads the configuration from `env`, throwing ConfigError on a bad value. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 4000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535; got ${JSON.stringify(env.PORT)}.`);
  }
  const host = env.HOST?.trim() || '127.0.0.1';
  if (!isIP(host) && !HOST_NAME.test(host)) {
    throw new ConfigError(`HOST must be an IP address to listen on (127.0.0.1, 0.0.0.0, ::) or a host name; got ${JSON.stringify(env.HOST)}.`);
  }
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got ${JSON.stringify(env.LOG_LEVEL)}.`);
  }
  const introspection = env.INTROSPECTION ?? 'true';
  if (introspection !== 'true' && introspection !== 'false') {
    throw new ConfigError(`INTROSPECTION must be true or false; got ${JSON.stringify(env.INTROSPECTION)}.`);
  }
  const corsOrigins = (env.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of corsOrigins) {
    if (!isOrigin(origin)) {
      throw new ConfigError(
        `CORS_ORIGINS must be comma-separated origins like https://example.org (scheme, host, optional port; no path or trailing slash); got ${JSON.stringify(origin)}.`,
      );
    }
  }
  const federation = env.FEDERATION ?? '0';
  if (federation !== '0' && federation !== '1') {
    throw new ConfigError(`FEDERATION must be 1 (serve an Apollo Federation 2 subgraph) or 0; got ${JSON.stringify(env.FEDERATION)}.`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl !== null && !POSTGRES_URL.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must be a PostgreSQL connection string (postgres://user@host:port/database); got ${JSON.stringify(redactUrl(databaseUrl))}.`);
  }
  const databaseReadUrls = (env.DATABASE_READ_URL ?? '').split(',').map((url) => url.trim()).filter(Boolean);
  for (const url of databaseReadUrls) {
    if (!POSTGRES_URL.test(url)) {
      throw new ConfigError(`DATABASE_READ_URL must be comma-separated PostgreSQL connection strings of streaming replicas (postgres://user@host:port/database); got ${JSON.stringify(redactUrl(url))}.`);
    }
  }
  if (databaseReadUrls.length > 0 && databaseUrl === null) {
    throw new ConfigError('DATABASE_READ_URL needs DATABASE_URL: the primary that the replicas copy, where writes go.');
  }
  const databaseSchema = env.DATABASE_SCHEMA?.trim() || 'entente';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) {
    throw new ConfigError(`DATABASE_SCHEMA must be lower-case letters, digits and _ (at most 63, not starting with a digit); got ${JSON.stringify(databaseSchema)}.`);
  }
  const limit = (name: string, fallback: number) => positiveInteger(env, name, fallback);
  const headersTimeoutMs = limit('HEADERS_TIMEOUT_MS', 10_000);
  const httpRequestTimeoutMs = limit('HTTP_REQUEST_TIMEOUT_MS', 30_000);
  if (headersTimeoutMs > httpRequestTimeoutMs) {
    throw new ConfigError(`HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${httpRequestTimeoutMs}).`);
  }
  return {
    host,
    port,
    ...dataDirectory(env, cwd),
    apiTokens: (env.API_TOKENS ?? '').split(',').map((token) => token.trim()).filter(Boolean),
    logLevel,
    introspection: introspection === 'true',
    cursorSecret: env.CURSOR_SECRET || 'entente-default-cursor-secret',
    development: env.NODE_ENV === 'development',
    corsOrigins,
    maxQueryDepth: limit('MAX_QUERY_DEPTH', 12),
    maxQueryCost: limit('MAX_QUERY_COST', 20_000),
    maxAliases: limit('MAX_ALIASES', 30),
    maxTokens: limit('MAX_TOKENS', 2_000),
    maxBodyBytes: limit('MAX_BODY_BYTES', 2 * 1024 * 1024),
    requestTimeoutMs: limit('REQUEST_TIMEOUT_MS', 10_000),
    headersTimeoutMs,
    httpRequestTimeoutMs,
    keepAliveTimeoutMs: limit('KEEP_ALIVE_TIMEOUT_MS', 5_000),
    responseCacheMaxBytes: positiveInteger(env, 'RESPONSE_CACHE_MAX_BYTES', 64 * 1024 * 1024, 0),
    databaseUrl,
    databaseSchema,
    databaseReadUrls,
    databaseReadWaitMs: positiveInteger(env, 'DATABASE_READ_WAIT_MS', DEFAULT_READ_WAIT_MS, 0),
    pgRecordCache: positiveInteger(env, 'PG_RECORD_CACHE', DEFAULT_RECORD_CACHE_SIZE, 0),
    federation: federation === '1',
    subscriptionBuffer: limit('SUBSCRIPTION_BUFFER', 1_000),
    maxWsConnections: limit('MAX_WS_CONNECTIONS', 500),
    maxSubscriptions: limit('MAX_SUBSCRIPTIONS', 2_000),
    changeRetention: limit('CHANGE_RETENTION', DEFAULT_CHANGE_RETENTION),
    journalSegmentBytes: limit('JOURNAL_SEGMENT_BYTES', DEFAULT_SEGMENT_BYTES),
    journalRetainBytes: positiveInteger(env, 'JOURNAL_RETAIN_BYTES', DEFAULT_RETAIN_BYTES, 0),
  };
}

/** `env[name]` as a whole number of at least `min` (1 unless said), or `fallback` when unset or empty. */
function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(value) || value < min) {
    throw new ConfigError(`${name} must be a whole number of at least ${min}; got ${JSON.stringify(raw)}.`);
  }
  return value;
}

/** True for an http(s) origin written exactly as browsers send it in the Origin header. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    // Browsers compare origins as exact strings, so "https://Example.org/" would never match.
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}
