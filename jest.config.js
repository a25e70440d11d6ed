/**
 * Jest runs the TypeScript sources through SWC (type checking is `tsc --noEmit` in `npm test`).
 * Two projects: `json` runs every test on the JSON store; `postgres` runs the integration
 * tests again on the PostgreSQL store (ENTENTE_TEST_STORE=postgres, one schema per store:
 * tests/helpers/store-under-test.ts), plus tests/postgres. Where no PostgreSQL answers at
 * TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) the postgres project
 * is skipped with a notice, except on CI (CI=true), where it must run and fails instead.
 */
const { Client } = require('pg');

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
    },
  ],
};

/**
 * The SDK's sources (sdk/src) import each other as `./x.js`, as Node's ES modules need once
 * compiled; Jest loads the `.ts` files themselves, so the extension is dropped to find them.
 */
const moduleNameMapper = { '^(\\.{1,2}/.*)\\.js$': '$1' };

const base = { rootDir: __dirname, roots: ['<rootDir>/tests'], testEnvironment: 'node', transform, moduleNameMapper };

/** The tests that hold for both stores: everything read and written over HTTP, GraphQL-ws and the SDK. */
const BOTH_STORES = ['http', 'writes', 'schema', 'sdk', 'fuzz', 'subscriptions'].map((dir) => `<rootDir>/tests/${dir}/**/*.test.ts`);

async function postgresReachable() {
  const client = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

module.exports = async () => {
  const projects = [{ ...base, displayName: 'json', testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/postgres/'] }];
  if (process.env.CI === 'true' || (await postgresReachable())) {
    projects.push({
      ...base,
      displayName: 'postgres',
      testMatch: [...BOTH_STORES, '<rootDir>/tests/postgres/**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/helpers/use-postgres.js'],
      setupFilesAfterEnv: ['<rootDir>/tests/helpers/drop-kept-schemas.ts'],
    });
  } else {
    console.warn(`PostgreSQL does not answer at ${TEST_DATABASE_URL}: the PostgreSQL run of the integration tests is skipped (set TEST_DATABASE_URL, or start PostgreSQL).`);
  }
  // Test files run in a worker process that is replaced once it holds more than this after a
  // file. Run in band (jest's choice on two cores), one process ran every file and grew past
  // V8's 4 GB heap after 856 s; a replaced worker bounds it whatever a file leaves behind.
  return { projects, globalSetup: '<rootDir>/tests/global-setup.js', testTimeout: 30000, workerIdleMemoryLimit: '1GB' };
};
