import { EntenteError, type EntenteErrorDetail } from './entente-error.js';
import * as generated from './generated/graphql.js';
import { TypedDocumentString } from './generated/graphql.js';

/** How to reach an Entente server. */
export interface ClientOptions {
  /** The GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  url: string;
  /** A bearer token of the server's API_TOKENS, sent as `Authorization: Bearer <token>`; writes need one, reads do not. */
  token?: string;
  /** The fetch to send requests with; the global fetch by default. */
  fetch?: typeof fetch;
  /** Headers sent with every request, after the defaults (so they may replace them). */
  headers?: Record<string, string>;
}

/** Options of one call: a signal to abort it, and headers for it alone. */
export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

type Generated = typeof generated;

/** `PersonBySlugDocument` → `PersonBySlug`; fragment documents (`…FragmentDoc`) are not operations. */
type OperationName<K> = K extends `${infer Name}Document` ? Name : never;

/** Variables are optional exactly when the operation has no required variable. */
type Method<TResult, TVariables> = {} extends TVariables
  ? (variables?: TVariables, options?: RequestOptions) => Promise<TResult>
  : (variables: TVariables, options?: RequestOptions) => Promise<TResult>;

/**
 * One typed method per operation of sdk/operations, named exactly as the operation
 * (`PersonBySlug`, `Meetings`, `CreateTopic`): it takes the operation's variables and
 * resolves to its data, or rejects with an {@link EntenteError}.
 */
export type Sdk = {
  [K in keyof Generated as OperationName<K>]: Generated[K] extends TypedDocumentString<infer TResult, infer TVariables>
    ? Method<TResult, TVariables>
    : never;
};

interface GraphQLBody {
  data?: unknown;
  errors?: readonly { message?: unknown; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * The highest data version a client has seen (`Entente-Data-Version`), sent back with each
 * request as `Entente-Min-Version`: a client reads its own writes, and never data older than
 * it read before, even where the server reads from database replicas a little behind.
 */
interface SeenVersion {
  version: number;
}

/** A client of every operation in sdk/operations, sending each as a JSON POST to `options.url`. */
export function createClient(options: ClientOptions): Sdk {
  const sdk: Record<string, Method<unknown, Record<string, unknown>>> = {};
  const seen: SeenVersion = { version: 0 };
  for (const [key, document] of Object.entries(generated)) {
    if (!key.endsWith('Document') || !(document instanceof TypedDocumentString)) continue;
    const query = document.toString();
    const operationName = /^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(query)?.[1];
    sdk[key.slice(0, -'Document'.length)] = (variables, requestOptions) => execute(options, seen, { query, operationName, variables }, requestOptions);
  }
  return sdk as unknown as Sdk;
}

async function execute(
  options: ClientOptions,
  seen: SeenVersion,
  body: { query: string; operationName: string | undefined; variables: Record<string, unknown> | undefined },
  requestOptions: RequestOptions = {},
): Promise<unknown> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json;q=0.9',
    ...(seen.version > 0 ? { 'entente-min-version': String(seen.version) } : {}),
    ...options.headers,
    ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
    ...requestOptions.headers,
  };
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(options.url, { method: 'POST', headers, body: JSON.stringify(body), signal: requestOptions.signal });
  } catch (cause) {
    // Checked by shape, not instanceof: fetch's errors may come from another realm.
    const { name, message: reason } = (typeof cause === 'object' && cause !== null ? cause : {}) as { name?: unknown; message?: unknown };
    const aborted = name === 'AbortError';
    const message = aborted ? 'The request was aborted.' : `No response from ${options.url}: ${typeof reason === 'string' ? reason : String(cause)}`;
    throw new EntenteError([{ message, extensions: { code: aborted ? 'ABORTED' : 'NETWORK_ERROR' } }], { cause });
  }

  const { status } = response;
  const version = Number(response.headers.get('entente-data-version'));
  if (Number.isSafeInteger(version) && version > seen.version) seen.version = version;
  const result = parseGraphQLBody(await response.text().catch(() => ''));
  if (result?.errors && result.errors.length > 0) {
    // A code-less error (from a proxy, say) still gets one, so `code` is always a string.
    const fallbackCode = response.ok ? 'UNKNOWN' : `HTTP_${status}`;
    const errors = result.errors.map((error): EntenteErrorDetail => ({
      message: typeof error.message === 'string' ? error.message : 'Unknown error.',
      ...(error.path ? { path: error.path } : {}),
      extensions: { ...error.extensions, code: typeof error.extensions?.code === 'string' ? error.extensions.code : fallbackCode },
    }));
    throw new EntenteError(errors, { data: result.data, status });
  }
  if (response.ok && result?.data) return result.data;
  const reason = response.ok ? 'a response without data or errors' : `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
  throw new EntenteError([{ message: `${options.url} answered with ${reason}.`, extensions: { code: `HTTP_${status}`, status } }], { status });
}

/** The body as a GraphQL response, or null when it is not one (an HTML error page, an empty body). */
function parseGraphQLBody(text: string): GraphQLBody | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const body = value as GraphQLBody;
  if (!('data' in body) && !Array.isArray(body.errors)) return null;
  if (body.errors !== undefined && !Array.isArray(body.errors)) return null;
  return body;
}
