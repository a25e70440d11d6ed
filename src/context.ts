/** What every resolver of one request sees. */
import type { ApolloServerPlugin } from '@apollo/server';
import type { TokenVerifier, Viewer } from './auth/viewer';
import type { CacheMarker } from './cache/response-cache';
import { RequestDeadline } from './execution/deadline';
import { createLoaders, type Loaders } from './loaders/create-loaders';
import type { Metrics } from './metrics';
import type { CursorCodec } from './schema/relay/cursor';
import type { ChangeEvent, ChangeRequest, Store, ViewOptions } from './store/contract/store';

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
  /** Moves this request's loaders to the latest version without writing: to plan a write again after the store refused it. */
  readLatest(): void;
  /** The change feed, up to the version this request reads (after null: from the oldest change kept). */
  changes(after: number | null, first: number): ReturnType<Store['changes']>;
  /** When this request's execution is cut off (REQUEST_TIMEOUT_MS). */
  deadline: RequestDeadline;
  /** The version of the data this request reads (moves on only when it writes). */
  readonly pinned: { readonly version: number };
  /**
   * When this request's reads spanned two versions (`StoreReader.mixed`: the PostgreSQL
   * store's record cache answered its first reads, then the database had moved on), starts
   * its reads again on a view that takes its version from the store first, and answers
   * true: the operation must run again. Else false.
   */
  againIfMixed(): boolean;
  /** Ends the request's view of the data (a database transaction); called when the response is sent. */
  release(): void;
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

/**
 * The context of a new request. `minVersion` is the oldest data version it may read (the
 * client's `Entente-Min-Version`: its last write), which a store with read replicas honours.
 * With `cacheFirst`, its first reads may come from what this process holds before the store
 * fixes the version (ViewOptions.cacheFirst): for an operation run by the compiled executor,
 * which runs it again when its reads span two versions (`againIfMixed`).
 */
export function createContext({ store, metrics, cursors, tokens, requestTimeoutMs }: ContextServices, authorization: string | undefined, minVersion?: number, cacheFirst = false): Context {
  // One version of the data for the whole request, however many writes land meanwhile.
  let view = store.view({ atLeast: minVersion, cacheFirst });
  // Read at use: a database view learns its exact version when its transaction starts.
  const pinned = {
    get version() {
      return view.version;
    },
  };
  const deadline = new RequestDeadline(requestTimeoutMs);
  /** Reads from now on through a new view opened with `options`. */
  const readAnew = (options: ViewOptions) => {
    view.release?.();
    view = store.view(options);
    // In place: Apollo hands resolvers a shallow copy of the context, which shares these objects.
    Object.assign(context.loaders, createLoaders(view, metrics, deadline));
  };
  const readLatest = () => readAnew({ latest: true });
  const context: Context = {
    loaders: createLoaders(view, metrics, deadline),
    cursors,
    viewer: tokens.viewer(authorization),
    tokens,
    async write(changes) {
      const events = await store.write(changes);
      readLatest();
      return events;
    },
    readLatest,
    againIfMixed() {
      if (view.mixed !== true) return false;
      readAnew({ atLeast: minVersion });
      return true;
    },
    changes: (after, first) => (view.changes ? view.changes(after, first) : store.changes(after, first, view.version)),
    deadline,
    pinned,
    release: () => view.release?.(),
    cacheMarker: { cacheable: false, operationName: null },
  };
  return context;
}

/**
 * Ends each request's view of the data once its response is ready (a database store's
 * transaction). A mutation reads the latest data from the start (not a read replica's
 * copy, which may be behind), as it plans its writes on what it reads; its view has read
 * nothing yet when the operation is known.
 */
export function releaseViewPlugin<C extends { release(): void; readLatest(): void }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'mutation') contextValue.readLatest();
        },
        async willSendResponse({ contextValue }) {
          contextValue.release();
        },
      };
    },
  };
}
