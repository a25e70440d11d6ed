/** What the db:* scripts share: the database settings from the environment, and exit codes (1: failed, 2: bad usage or setting). */
import { ConfigError, readConfig } from '../src/config';
import type { DatabaseOptions } from '../src/store/postgres/database';

export class UsageError extends Error {}

/** DATABASE_URL (required), DATABASE_SCHEMA and CHANGE_RETENTION, as the server reads them. */
export function databaseFromEnv(): DatabaseOptions & { schema: string } {
  const config = readConfig();
  if (config.databaseUrl === null) throw new UsageError('set DATABASE_URL to the PostgreSQL database, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test');
  return { url: config.databaseUrl, schema: config.databaseSchema, max: 2, changeRetention: config.changeRetention };
}

export function runTool(main: () => Promise<void>, usage?: string): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const name = process.argv[1]?.replace(/^.*\/([\w-]+)\.js$/, '$1').replace('db-', 'db:') ?? 'db';
      if (error instanceof UsageError || error instanceof ConfigError) {
        console.error(`${name}: ${error.message}${usage ? `\n${usage}` : ''}`);
        process.exit(2);
      }
      const code = (error as { code?: string }).code;
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}${code === 'ECONNREFUSED' ? ' (is PostgreSQL running at DATABASE_URL?)' : ''}`);
      process.exit(1);
    },
  );
}
