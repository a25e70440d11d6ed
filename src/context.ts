/** What every resolver of one request sees. */
import { createLoaders, type Loaders } from './loaders/create-loaders';
import type { Metrics } from './metrics';
import type { CursorCodec } from './schema/relay/cursor';
import type { Store } from './store/store';

export interface Context {
  /** This request's loaders: every read goes through them. */
  loaders: Loaders;
  /** Signs and checks connection cursors. */
  cursors: CursorCodec;
}

/** The context of a new request. */
export function createContext(store: Store, metrics: Metrics, cursors: CursorCodec): Context {
  // One version of the data for the whole request, however many writes land meanwhile.
  return { loaders: createLoaders(store.snapshot(), metrics), cursors };
}
