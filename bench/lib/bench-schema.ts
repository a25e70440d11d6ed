/**
 * A PostgreSQL schema a benchmark loads a data directory into and drops at the end, so a
 * run never touches a schema it did not make.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { ROOT } from './processes';

/** The database a benchmark uses unless told otherwise (--database-url or DATABASE_URL). */
export const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** Loads a data directory into a new schema with `npm run db:import`'s script; returns the milliseconds it took. */
export async function importIntoSchema(dataDir: string, databaseUrl: string, schema: string): Promise<number> {
  const started = Date.now();
  const result = await runNode(path.join(ROOT, 'dist/scripts/db-import.js'), [dataDir], { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema });
  if (result.code !== 0) throw new Error(`db:import failed (exit ${result.code}): ${result.stderr}`);
  return Date.now() - started;
}

/** Drops a schema a run made. */
export async function dropBenchSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

function runNode(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}
