/**
 * The Apollo plugin: times each GraphQL request, counts the errors sent by code, and hands
 * operation name, type and error codes to the request's log line (request-logging.ts).
 */
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { Context } from '../context';
import type { Metrics } from '../metrics';
import { inFlight, type GraphQLSummary } from './in-flight';
import { OperationLabels, errorCodeLabel } from './labels';
import { REQUEST_ID_HEADER } from './request-id';

/** How much of a client-supplied operation name a log line keeps. */
const MAX_LOGGED_NAME = 200;
const INTERNAL = 'INTERNAL_SERVER_ERROR';

export interface ObservabilityOptions {
  /** Distinct operation names given their own label before the rest fold into "other". */
  maxOperationNames?: number;
  /** Longer names fold into "other". */
  maxOperationNameLength?: number;
}

/** The plugin, recording into `metrics`. */
export function observabilityPlugin(metrics: Metrics, options: ObservabilityOptions = {}): ApolloServerPlugin<Context> {
  const labels = new OperationLabels(options.maxOperationNames ?? 200, options.maxOperationNameLength ?? 64);
  return {
    async requestDidStart(start) {
      const started = performance.now();
      const requestId = start.request.http?.headers.get(REQUEST_ID_HEADER);
      let resolvedName: string | null | undefined;
      return {
        async didResolveOperation(context) {
          resolvedName = context.operationName;
        },
        async willSendResponse(context) {
          const graphqlMs = performance.now() - started;
          const requested = context.request.operationName;
          const resolved = resolvedName !== undefined || context.operationName !== undefined;
          // A document that parsed but failed validation still names its operation.
          const parsed = resolved || !context.document ? undefined : pickOperation(context.document, requested);
          const operationName = resolvedName ?? context.operationName ?? parsed?.name?.value ?? requested ?? null;
          const codes = errorCodesOf(context.response.body);
          metrics.graphqlRequestDuration.observe({ operation: labels.label(operationName, resolved) }, graphqlMs / 1000);
          for (const code of codes) metrics.graphqlErrors.inc({ code: errorCodeLabel(code) });
          const variables = context.request.variables;
          const summary: GraphQLSummary = {
            operationName: operationName === null ? null : operationName.slice(0, MAX_LOGGED_NAME),
            operationType: context.operation?.operation ?? parsed?.operation ?? null,
            errorCodes: [...new Set(codes)],
            errorCount: codes.length,
            variableKeys: variables && typeof variables === 'object' ? Object.keys(variables).slice(0, 50) : [],
            graphqlMs,
          };
          // Every request reaches Apollo through the GraphQL handler, which registered its record.
          const record = requestId === undefined ? undefined : inFlight.get(requestId);
          if (record) record.graphql = summary;
        },
      };
    },
  };
}

/** The operation a request names (or its only one), found without validation. */
function pickOperation(document: DocumentNode, name: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  return name ? operations.find((operation) => operation.name?.value === name) : operations.length === 1 ? operations[0] : undefined;
}

/** The `extensions.code` of every error in a response (as formatted for the client), in order. */
function errorCodesOf(body: GraphQLResponse['body']): string[] {
  const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
  return (errors ?? []).map((error) => {
    const code = error.extensions?.code;
    return typeof code === 'string' ? code : INTERNAL;
  });
}
