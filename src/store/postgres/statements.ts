/**
 * The connections that views read on, and the two round trips a view saves on them.
 *
 * - **Named statements.** A read's SQL gets a name by its text; a connection parses and
 *   plans it once (the driver prepares it there on its first run), then only binds and
 *   executes it. A view's first read, once its statement is prepared on the connection the
 *   view takes, travels in the round trip of the view's BEGIN as SQL `EXECUTE name(...)`,
 *   which runs that same prepared statement with its parameters written as literals.
 * - **Commits carried by the next BEGIN.** A view's transaction only reads, so when its
 *   request ends nothing is waited for: the connection goes back to its pool with the
 *   transaction open, and the next statement sent on it commits it first, in its own round
 *   trip. A connection nobody takes within LAZY_COMMIT_MS is committed on its own, so no
 *   snapshot (and no lock a migration or an import would wait for) outlives a view by more.
 */
import type { ClientBase, Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { escapeLiteral } from 'pg';

/** The longest a finished view's transaction stays open on an idle connection. */
export const LAZY_COMMIT_MS = 20;

/** Beyond this many distinct texts (a flood of query shapes), statements are no longer named. */
const MAX_NAMED_STATEMENTS = 500;

/** Statement names by SQL text. */
const statementNames = new Map<string, string>();

/** The named statements each connection has prepared. */
const preparedOn = new WeakMap<ClientBase, Set<string>>();

/** Connections back in their pools with their last view's read-only transaction still open, and the timer that commits it. */
const uncommitted = new Map<ClientBase, NodeJS.Timeout>();

/** A read's statement name (undefined: too many shapes seen, it runs unnamed). */
export function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) statementNames.set(text, (name = `entente_${statementNames.size}`));
  return name;
}

/** The SQL a statement name stands for (for tests and diagnostics: what an `EXECUTE name(...)` ran). */
export function statementText(name: string): string | undefined {
  for (const [text, each] of statementNames) if (each === name) return text;
  return undefined;
}

/**
 * Runs a read on `client`: named, so the connection prepares it once. Commits first, in the
 * same round trip when it can, a transaction the connection's last view left open.
 */
export async function runRead<R extends QueryResultRow>(client: ClientBase, text: string, values: readonly unknown[] = []): Promise<QueryResult<R>> {
  if (takeUncommitted(client)) await client.query('COMMIT');
  const name = statementName(text);
  const result = await client.query<R>({ name, text, values: values as unknown[] });
  if (name !== undefined) (preparedOn.get(client) ?? preparedOn.set(client, new Set()).get(client)!).add(name);
  return result;
}

/**
 * The SQL that runs `text` with `values` as its prepared statement on `client`
 * (`EXECUTE name(literals)`), for a simple query that sends several statements at once;
 * null when the connection has not prepared it yet or a value has no literal here.
 */
export function executeSql(client: ClientBase, text: string, values: readonly unknown[]): string | null {
  const name = statementNames.get(text);
  if (name === undefined || !preparedOn.get(client)?.has(name)) return null;
  const literals: string[] = [];
  for (const value of values) {
    const literal = literalOf(value);
    if (literal === null) return null;
    literals.push(literal);
  }
  return literals.length === 0 ? `EXECUTE ${name}` : `EXECUTE ${name}(${literals.join(', ')})`;
}

/**
 * A parameter as an SQL literal, which EXECUTE casts to the parameter's type as the
 * protocol would; null for what reads do not send (a NUL, which would end the query text).
 */
function literalOf(value: unknown): string | null {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return value.includes('\u0000') ? null : escapeLiteral(value);
  if (Array.isArray(value)) {
    const elements: string[] = [];
    for (const element of value) {
      if (element === null) elements.push('NULL');
      else if (typeof element === 'string' && !element.includes('\u0000')) elements.push(`"${element.replace(/[\\"]/g, '\\$&')}"`);
      else return null;
    }
    return escapeLiteral(`{${elements.join(',')}}`);
  }
  return null;
}

/**
 * Whether `client` still holds its last view's transaction: true once (the caller then
 * commits it, first thing, in its next round trip); the timer that would have is stopped.
 */
export function takeUncommitted(client: ClientBase): boolean {
  const timer = uncommitted.get(client);
  if (timer === undefined) return false;
  clearTimeout(timer);
  uncommitted.delete(client);
  return true;
}

/** Gives a view's connection back to its pool with its read-only transaction open (see the top of this file). */
export function releaseUncommitted(client: PoolClient): void {
  const timer = setTimeout(() => {
    if (uncommitted.get(client) !== timer) return;
    uncommitted.delete(client);
    // Idle in the pool: a view taking it meanwhile queues its BEGIN behind this COMMIT. A
    // connection lost meanwhile fails this, and the pool drops it.
    client.query('COMMIT').catch(() => undefined);
  }, LAZY_COMMIT_MS);
  timer.unref();
  uncommitted.set(client, timer);
  client.release();
}

/** A pool's reads outside any view (each on its own short transaction), for the store's own reads and a view's after its release. */
export function poolReads(pool: Pool): { query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>> } {
  return {
    async query<R extends QueryResultRow>(text: string, values?: unknown[]) {
      const client = await pool.connect();
      try {
        const result = await runRead<R>(client, text, values);
        client.release();
        return result;
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
    },
  };
}
