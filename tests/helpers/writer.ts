/** Writes over HTTP with a writer's bearer token, for tests whose server may be restarted between tests. */
import { postGraphQL } from './server-process';
import type { GraphQLResponse, TestServer } from './test-server';

export interface Writer {
  /** Sends an operation with the writer's token and returns the parsed body. */
  write<D = Record<string, any>>(operation: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<D>>;
  /** Sends a write that must succeed and returns its data. */
  written<D = Record<string, any>>(operation: string, variables?: Record<string, unknown>): Promise<D>;
}

/** A writer to the server `api()` returns when called (read at each call: a beforeEach may replace it). */
export function writerTo(api: () => TestServer, token: string): Writer {
  const write = async <D = Record<string, any>>(operation: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<D>> =>
    (await postGraphQL<D>(`${api().url}/graphql`, operation, variables, { token })).body;
  return {
    write,
    async written<D = Record<string, any>>(operation: string, variables: Record<string, unknown> = {}): Promise<D> {
      const body = await write<D>(operation, variables);
      expect(body.errors).toBeUndefined();
      return body.data!;
    },
  };
}
