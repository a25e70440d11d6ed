/** Logs, request ids and metrics for the HTTP server; see server.ts for where they are mounted. */
export { observabilityPlugin, type ObservabilityOptions } from './plugin';
export { requestLogging } from './request-logging';
export { REQUEST_ID_HEADER, chooseRequestId, isSafeRequestId } from './request-id';
export { OperationLabels, errorCodeLabel } from './labels';
