/** Drops the PostgreSQL schema DATABASE_SCHEMA (the bench's own, made for one run). */
import { Client } from 'pg';

async function main(): Promise<void> {
  const schema = process.env.DATABASE_SCHEMA ?? '';
  if (!/^bench_[a-z0-9]+$/.test(schema)) throw new Error(`refusing to drop ${JSON.stringify(schema)}: only the bench's own schemas (bench_...)`);
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
