/** What every resolver of one request sees. */
import type { TokenVerifier, Viewer } from './auth/viewer';
import type { CacheMarker } from './cache/response-cache';
import { RequestDeadline } from './execution/deadline';
import { createLoaders, installLoaders, type Loaders } from './loaders/create-loaders';
import type { Metrics } from './metrics';
import type { CursorCodec } from './schema/relay/cursor';
import type { ChangeEvent, ChangeRequest, Store } from './store/store';

export interface Context {
  /** This request's loaders: every read goes through them, over one version of the data. */
  loaders: Loaders;
  /** Signs and checks connection cursors. */
  cursors: CursorCodec;
  /** Who is calling. */
  viewer: Viewer;
  tokens: TokenVerifier;
  /**
   * Applies changes durably, then moves this request's loaders to the version that
   * includes them, so a mutation's payload shows what it wrote.
   */
  write(changes: readonly ChangeRequest[]): Promise<ChangeEvent[]>;
  /** The change feed, up to the version this request reads. */
  changes(after: number, first: number): ReturnType<Store['changes']>;
  /** When this request's execution is cut off (REQUEST_TIMEOUT_MS). */
  deadline: RequestDeadline;
  /** The version of the data this request reads (moves on only when it writes). */
  readonly pinned: { version: number };
  /** Whether the response may be kept by the response cache (set by its plugin). */
  readonly cacheMarker: CacheMarker;
}

/** What every request's context is made from: the same for all requests of a server. */
export interface ContextServices {
  store: Store;
  metrics: Metrics;
  cursors: CursorCodec;
  tokens: TokenVerifier;
  requestTimeoutMs: number;
}

/** The context of a new request. */
export function createContext({ store, metrics, cursors, tokens, requestTimeoutMs }: ContextServices, authorization: string | undefined): Context {
  // One version of the data for the whole request, however many writes land meanwhile.
  const snapshot = store.snapshot();
  const pinned = { version: snapshot.version };
  const deadline = new RequestDeadline(requestTimeoutMs);
  const context: Context = {
    loaders: createLoaders(snapshot, metrics, deadline),
    cursors,
    viewer: tokens.viewer(authorization),
    tokens,
    async write(changes) {
      const events = await store.write(changes);
      const latest = store.snapshot();
      // In place: Apollo hands resolvers a shallow copy of the context, which shares these objects.
      installLoaders(context.loaders, latest);
      pinned.version = latest.version;
      return events;
    },
    changes: (after, first) => store.changes(after, first, pinned.version),
    deadline,
    pinned,
    cacheMarker: { cacheable: false, operationName: null },
  };
  return context;
}
