/**
 * Live updates for the explorer: the `changes` subscription over graphql-ws at the page's
 * own origin (ws:, or wss: under https:), from a seq the page already reflects. Changes
 * arriving close together are handed over as one batch, so a burst of writes costs one
 * refresh. When the connection drops, the client reconnects and resumes after the last
 * seq seen, so nothing is missed; when the subscription ends (the server cut it off as too
 * slow, or refused it), it starts again after a pause, from that seq too.
 */
import { createClient, type Client } from 'graphql-ws/client';

/** One change, as the page uses it. */
export interface LiveChange {
  seq: number;
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  entityType: string;
  entityId: string;
}

export interface LiveUpdatesOptions {
  /** The seq the page's data already reflects: only the changes after it come. */
  after: number;
  /** Called with each batch of changes, in seq order. */
  onChanges(changes: LiveChange[]): void;
  /** Called when live updates start, or pause until the connection comes back. */
  onState(state: 'live' | 'paused'): void;
}

const SUBSCRIPTION = `subscription ExplorerLiveChanges($after: Int) {
  changes(after: $after) { seq operation entityType entityId }
}`;

/** How long changes are gathered into one batch. */
const BATCH_MS = 150;
/** The pause before subscribing again after the subscription ended. */
const RESUBSCRIBE_MS = 5_000;

/** Follows the change feed until the page goes away. */
export function followChanges(options: LiveUpdatesOptions): void {
  const client = createClient({
    url: `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`,
    retryAttempts: Infinity,
    // Exponential back-off up to 30 s, with jitter so reloaded pages do not reconnect in step.
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1_000 * 2 ** retries) + Math.random() * 1_000)),
    on: {
      connected: () => options.onState('live'),
      closed: () => options.onState('paused'),
    },
  });
  subscribe(client, { after: options.after }, options);
}

function subscribe(client: Client, variables: { after: number }, options: LiveUpdatesOptions): void {
  let batch: LiveChange[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const changes = batch;
    batch = [];
    if (changes.length > 0) options.onChanges(changes);
  };
  const again = () => {
    if (timer !== undefined) clearTimeout(timer);
    flush();
    options.onState('paused');
    setTimeout(() => subscribe(client, variables, options), RESUBSCRIBE_MS);
  };
  client.subscribe<{ changes: LiveChange }>(
    // graphql-ws sends this same payload again when it reconnects: `after` moves on with each change.
    { query: SUBSCRIPTION, variables },
    {
      next: ({ data }) => {
        if (!data) return;
        variables.after = data.changes.seq;
        batch.push(data.changes);
        timer ??= setTimeout(flush, BATCH_MS);
      },
      error: again,
      complete: again,
    },
  );
}
