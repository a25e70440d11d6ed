/**
 * Entente's typed SDK: `createClient({ url, token })` gives one typed method per operation
 * of sdk/operations; the operation, fragment, input and enum types are exported beside it.
 *
 * ```ts
 * const client = createClient({ url: 'http://localhost:4000/graphql' });
 * const { person } = await client.PersonBySlug({ slug: 'kairat-umarov', first: 5 });
 * ```
 */
export { createClient, type ClientOptions, type RequestOptions, type Sdk } from './create-client.js';
export { EntenteError, type EntenteErrorDetail } from './entente-error.js';
export * from './generated/graphql.js';
