// jest's `postgres` project: the integration tests open PostgreSQL stores (see store-under-test.ts).
process.env.ENTENTE_TEST_STORE = 'postgres';
