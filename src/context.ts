/** What every resolver of one request sees. */
import type { TokenVerifier, Viewer } from './auth/viewer';
import { createLoaders, type Loaders } from './loaders/create-loaders';
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
}

/** The context of a new request. */
export function createContext(store: Store, metrics: Metrics, cursors: CursorCodec, tokens: TokenVerifier, authorization: string | undefined): Context {
  // One version of the data for the whole request, however many writes land meanwhile.
  const snapshot = store.snapshot();
  const pinned = { version: snapshot.version };
  const context: Context = {
    loaders: createLoaders(snapshot, metrics),
    cursors,
    viewer: tokens.viewer(authorization),
    tokens,
    async write(changes) {
      const events = await store.write(changes);
      const latest = store.snapshot();
      // In place: Apollo hands resolvers a shallow copy of the context, which shares these objects.
      Object.assign(context.loaders, createLoaders(latest, metrics));
      pinned.version = latest.version;
      return events;
    },
    changes: (after, first) => store.changes(after, first, pinned.version),
  };
  return context;
}
