/** `npm start`: loads the data, builds the server and listens. The only file with side effects. */
import 'reflect-metadata';
import type { Logger } from 'pino';
import { ConfigError, readConfig, type Config } from './config';
import { describePreparation, prepareDataDirectory } from './import/init-data-dir';
import { createLogger } from './logger';
import { createServer } from './server';
import { DataValidationError } from './store/contract/data-problem';
import { JsonStore } from './store/json/json-store';
import { redactUrl } from './store/postgres/database';
import { PgStore, StoreNotMigratedError } from './store/postgres/pg-store';
import type { Store } from './store/contract/store';
import { DataDirLockedError, JournalCorruptError, SnapshotStateError } from './store/json/persistence/persistence-errors';

/** How long in-flight requests may run on after SIGTERM before their connections are closed. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`entente: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config);
  let store: Store;
  try {
    store = config.databaseUrl === null ? await openJsonStore(config, logger) : await openPgStore(config.databaseUrl, config, logger);
  } catch (error) {
    if (
      error instanceof DataValidationError ||
      error instanceof JournalCorruptError ||
      error instanceof SnapshotStateError ||
      error instanceof DataDirLockedError ||
      error instanceof StoreNotMigratedError
    ) {
      console.error(`entente: cannot start: ${error.message}`);
      process.exit(1);
    }
    if (config.databaseUrl !== null && typeof (error as { code?: unknown }).code === 'string') {
      // A connection or authentication failure: the driver's message says which, never the password.
      console.error(`entente: cannot start: PostgreSQL at DATABASE_URL: ${(error as Error).message}`);
      process.exit(1);
    }
    throw error;
  }
  const server = await createServer(store, config, logger);
  server.httpServer.listen(config.port, config.host, () => {
    const address = server.httpServer.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const where =
      config.databaseUrl === null
        ? { dataDir: config.dataDir }
        : { database: redactUrl(config.databaseUrl), schema: config.databaseSchema, ...(config.databaseReadUrls.length > 0 ? { readReplicas: config.databaseReadUrls.map(redactUrl) } : {}) };
    const { explorer, ide, api } = serverUrls(config.host, port);
    logger.info({ host: config.host, port, explorer, ide, api, store: store.kind, ...where }, `Entente serves the explorer at ${explorer}, the IDE at ${ide} (in a browser) and the API at POST ${api}`);
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    // In-flight requests get a bounded time to finish; then their connections are cut.
    const deadline = setTimeout(() => {
      logger.warn({ afterMs: SHUTDOWN_GRACE_MS }, 'closing connections still open after the shutdown grace period');
      server.httpServer.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    deadline.unref();
    // Stop taking requests, let in-flight ones finish, then write pending changes and release the data directory.
    server
      .stop()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (error) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

async function openJsonStore({ dataDir, seedDir, changeRetention, journalSegmentBytes, journalRetainBytes }: Config, logger: Logger): Promise<JsonStore> {
  const prepared = describePreparation(await prepareDataDirectory(dataDir, seedDir), dataDir, seedDir);
  if (prepared !== null) logger.info({ dataDir, seedDir }, prepared);
  const store = await JsonStore.open(dataDir, { changeRetention, segmentBytes: journalSegmentBytes, journalRetainBytes });
  if (store.droppedTail) {
    logger.warn({ journal: { ...store.droppedTail } }, 'dropped a torn last journal line: a write interrupted before it was acknowledged');
  }
  store.onCompactionError = (error) =>
    logger.error({ err: error }, 'compaction failed (retried after more writes, and at shutdown); the journal still holds every change, and the data directory stays loadable');
  store.onStorageFull = (error) => {
    if (error) logger.error({ dataDir, cause: String((error.cause as Error | undefined)?.message ?? error.cause) }, 'disk full: writes are refused with STORAGE_FULL (HTTP 503) until space is freed; reads go on, nothing acknowledged is lost');
    else logger.info({ dataDir }, 'disk space available again: writes resumed');
  };
  return store;
}

async function openPgStore(url: string, { databaseSchema, databaseReadUrls, databaseReadWaitMs, changeRetention, pgRecordCache }: Config, logger: Logger): Promise<PgStore> {
  const store = await PgStore.open({ url, schema: databaseSchema, readUrls: databaseReadUrls, readWaitMs: databaseReadWaitMs, changeRetention, recordCacheSize: pgRecordCache });
  store.onConnectionError = (error) => logger.error({ err: error }, 'a connection to PostgreSQL failed (the LISTEN connection listens again, and other replicas\' writes reach this one when it is back; pooled connections are replaced)');
  store.onReadReplicaError = (error, replica) =>
    logger.warn({ err: error, readReplica: replica }, 'a PostgreSQL read replica failed: requests read on the primary until it answers again (probed with a growing back-off)');
  return store;
}

/** The URLs to open: a wildcard address (0.0.0.0, ::) is reached through the loopback address. */
function serverUrls(host: string, port: number): { explorer: string; ide: string; api: string } {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  const origin = `http://${reachable}:${port}`;
  return { explorer: `${origin}/`, ide: `${origin}/graphql`, api: `${origin}/graphql` };
}

main().catch((error) => {
  console.error('entente: failed to start:', error);
  process.exit(1);
});
