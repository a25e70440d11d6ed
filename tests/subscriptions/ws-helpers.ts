/**
 * Clients for the subscription tests: graphql-ws's own client over `ws` (what a Node
 * service would use), a raw protocol connection for what a well-behaved client never does
 * (stop reading, skip connection_init), and waits on the server's /metrics gauges.
 */
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { postGraphQL } from '../helpers/server-process';
import type { GraphQLResponse } from '../helpers/test-server';

export const TOKEN = 'live-writer-token';

/** The WebSocket URL of a server's /graphql, from its http:// base URL. */
export function wsUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}/graphql`;
}

/** Resolves once `condition()` holds, checking every 10 ms; fails after `timeoutMs` saying `what`. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The value of an unlabelled gauge in the server's /metrics. */
export async function gauge(httpUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${httpUrl}/metrics`)).text();
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  if (!match) throw new Error(`no ${name} in /metrics`);
  return Number(match[1]);
}

/** Waits until the server has exactly `count` open subscriptions. */
export function waitForSubscriptions(httpUrl: string, count: number): Promise<void> {
  return waitUntil(async () => (await gauge(httpUrl, 'graphql_subscriptions')) === count, `${count} open subscriptions`);
}

export interface CloseInfo {
  code: number;
  reason: string;
}

/** A graphql-ws client that does not retry, and the close events it saw. */
export function openClient(httpUrl: string, connectionParams?: Record<string, unknown>): { client: Client; closes: CloseInfo[] } {
  const closes: CloseInfo[] = [];
  const client = createClient({
    url: wsUrl(httpUrl),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
    on: {
      closed: (event) => {
        const { code, reason } = event as CloseInfo;
        closes.push({ code, reason: String(reason) });
      },
    },
  });
  return { client, closes };
}

/** One subscription through graphql-ws's client: every result, the error or the completion. */
export class Subscriber<D = Record<string, any>> {
  readonly results: FormattedExecutionResult<D, unknown>[] = [];
  error: unknown = undefined;
  completed = false;
  private readonly dispose: () => void;

  constructor(client: Client, query: string, variables?: Record<string, unknown>) {
    this.dispose = client.subscribe<D>(
      { query, variables },
      {
        next: (result) => void this.results.push(result),
        error: (error) => {
          this.error = error;
        },
        complete: () => {
          this.completed = true;
        },
      },
    );
  }

  /** The data of every result so far. */
  get data(): D[] {
    return this.results.map((result) => result.data as D);
  }

  /** Waits until at least `count` results have arrived. */
  async waitForResults(count: number, timeoutMs = 5000): Promise<D[]> {
    await waitUntil(() => this.results.length >= count || this.error !== undefined, `${count} results`, timeoutMs);
    if (this.error !== undefined && this.results.length < count) throw new Error(`subscription failed: ${JSON.stringify(this.error)}`);
    return this.data;
  }

  /** Waits until the subscription has failed, and returns what the client got. */
  async failure(timeoutMs = 5000): Promise<unknown> {
    await waitUntil(() => this.error !== undefined, 'the subscription to fail', timeoutMs);
    return this.error;
  }

  stop(): void {
    this.dispose();
  }
}

/** A connection speaking graphql-transport-ws by hand. */
export class RawConnection {
  readonly socket: WebSocket;
  readonly messages: { id?: string; type: string; payload?: any }[] = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<CloseInfo>;

  constructor(httpUrl: string, options: { protocol?: string; headers?: Record<string, string> } = {}) {
    this.socket = new WebSocket(wsUrl(httpUrl), options.protocol ?? 'graphql-transport-ws', { headers: options.headers });
    this.socket.on('message', (data) => this.messages.push(JSON.parse(String(data))));
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
    this.closed = new Promise((resolve) => this.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  send(message: Record<string, unknown> | string): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Opens, sends connection_init and waits for connection_ack. */
  async init(payload?: Record<string, unknown>): Promise<void> {
    await this.opened;
    this.send({ type: 'connection_init', payload });
    await this.message((message) => message.type === 'connection_ack');
  }

  /** Waits for the first message (from the start) that `matches`. */
  async message(matches: (message: RawConnection['messages'][number]) => boolean, timeoutMs = 5000): Promise<RawConnection['messages'][number]> {
    await waitUntil(() => this.messages.some(matches), 'a message', timeoutMs);
    return this.messages.find(matches)!;
  }

  close(): void {
    this.socket.terminate();
  }
}

/** POSTs a write with the writer's token; it must succeed. */
export async function write(httpUrl: string, operation: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> {
  const { body } = await postGraphQL(`${httpUrl}/graphql`, operation, variables, { token: TOKEN });
  if (body.errors) throw new Error(`write failed: ${JSON.stringify(body.errors)}`);
  return body;
}

export const CREATE_TOPIC = 'mutation CreateTopic($name: String!) { createTopic(input: { name: $name }) { topic { slug } } }';
export const createTopic = (httpUrl: string, name: string) => write(httpUrl, CREATE_TOPIC, { name });
