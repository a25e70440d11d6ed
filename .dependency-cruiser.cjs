/**
 * Import rules, checked by `npm run lint:deps` and tests/structure/dependencies.test.ts
 * (dependency-cruiser reads the TypeScript sources, type-only imports included).
 *
 * The store's folders and the directions they may import in (an arrow: "may import"):
 *   contract/  the Store interface and the rules every store shares  → nothing in store/ but itself
 *   keys/      sort keys, posting values, words: derived alike by every store → contract/
 *   memory/    the in-memory table engine                             → keys/, contract/
 *   json/      the JSON store: the memory engine plus persistence     → memory/, keys/, contract/
 *   postgres/  the PostgreSQL store (its record cache holds hot posting lists as
 *              memory-engine tables)                                 → memory/, keys/, contract/
 * Outside src/store, code uses the contract and opens a store (json/, postgres/); the
 * engine's internals (memory/, keys/) stay inside.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circles: every module can be read, loaded and tested after what it imports.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'contract-imports-no-store',
      severity: 'error',
      comment: 'The contract is what every store shares: it depends on no store, engine or key helper.',
      from: { path: '^src/store/contract/' },
      to: { path: '^src/store/(?!contract/)' },
    },
    {
      name: 'keys-import-only-the-contract',
      severity: 'error',
      comment: 'The shared key helpers sit below both stores: they import no store or engine.',
      from: { path: '^src/store/keys/' },
      to: { path: '^src/store/(memory|json|postgres)/' },
    },
    {
      name: 'memory-engine-imports-no-store',
      severity: 'error',
      comment: 'The in-memory table engine knows no store: the JSON store builds on it, not the other way round.',
      from: { path: '^src/store/memory/' },
      to: { path: '^src/store/(json|postgres)/' },
    },
    {
      name: 'json-store-imports-not-postgres',
      severity: 'error',
      comment: 'The JSON store does not import the PostgreSQL store.',
      from: { path: '^src/store/json/' },
      to: { path: '^src/store/postgres/' },
    },
    {
      name: 'postgres-store-imports-not-json',
      severity: 'error',
      comment: 'The PostgreSQL store shares the contract, the key helpers and the memory engine (the tables its record cache holds), never the JSON store.',
      from: { path: '^src/store/postgres/' },
      to: { path: '^src/store/json/' },
    },
    {
      name: 'store-internals-stay-inside',
      severity: 'error',
      comment: 'Outside src/store, code reads through the contract and opens a store; the engine and key helpers are internals.',
      from: { path: '^src/', pathNot: '^src/store/' },
      to: { path: '^src/store/(memory|keys)/' },
    },
    {
      name: 'src-imports-no-tests-or-bench',
      severity: 'error',
      comment: 'The server does not depend on its tests or benchmarks.',
      from: { path: '^src/' },
      to: { path: '^(tests|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a circle of types is a circle for the reader too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
