/**
 * `npm run db:migrate`: creates or updates Entente's tables in PostgreSQL (DATABASE_URL,
 * schema DATABASE_SCHEMA, default `entente`), applying the migrations of `migrations/` not
 * applied yet. Exits 1 when the database refuses, 2 on a bad setting.
 */
import { databaseFromEnv, runTool } from './db-tool';
import { migrate } from '../src/store/postgres/database';

runTool(async () => {
  const database = databaseFromEnv();
  const applied = await migrate(database);
  console.log(applied.length === 0 ? `db:migrate: schema "${database.schema}" is up to date` : `db:migrate: applied ${applied.join(', ')} to schema "${database.schema}"`);
});
