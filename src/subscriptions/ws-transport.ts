/**
 * graphql-ws's protocol server (`makeServer`) on `ws` sockets, on the HTTP server's own
 * port and path. graphql-ws ships the same binding as `useServer` (`graphql-ws/use/ws`);
 * this one exists because that one logs to the console, closes sockets on shutdown by a
 * handshake a stuck client never completes, and is typed behind package exports that this
 * project's module resolution does not read. Here:
 *
 * - only WebSocket upgrades of `path` become connections; any other upgrade request (h2c,
 *   or WebSocket elsewhere) is served as the plain HTTP request it also is, as before;
 * - a browser page may connect only from the server's own origin or CORS_ORIGINS;
 * - each connection is pinged every `keepAliveMs`, and dropped when a ping goes
 *   unanswered until the next one;
 * - a send resolves once the bytes are handed to the kernel, so graphql-ws sends a
 *   subscription's next event only after its last one left (per-subscriber backpressure);
 *   a connection that still lets more than `maxBufferedBytes` pile up is dropped;
 * - at most `maxConnections` are open at once: one more is accepted and closed at once with
 *   1013 (Try Again Later: graphql-ws clients retry it with backoff), reason
 *   `TOO_MANY_CONNECTIONS: …`, which browsers see too (an HTTP refusal shows them only 1006);
 * - `close()` closes every socket with 1001 and, after `closeGraceMs`, cuts those whose
 *   client did not answer, so shutdown stays prompt.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { handleProtocols, type Server as ProtocolServer } from 'graphql-ws';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';

export interface TransportOptions {
  /** The URL path taking WebSocket connections. */
  path: string;
  /** The largest message a client may send, in bytes. */
  maxPayload: number;
  keepAliveMs: number;
  /** The most connections open at once (MAX_WS_CONNECTIONS). */
  maxConnections: number;
  /** Unsent bytes a connection may hold before it is dropped. */
  maxBufferedBytes: number;
  closeGraceMs: number;
  /** Browser origins besides the server's own that may connect (CORS_ORIGINS). */
  corsOrigins: readonly string[];
  logger: Logger;
  /** Told of each connection opening (+1) and closing (-1). */
  onConnections?(delta: number): void;
}

/** What graphql-ws's hooks get for each connection (`ctx.extra`). */
export interface ConnectionExtra {
  socket: WebSocket;
  request: http.IncomingMessage;
}

export interface WebSocketTransport {
  /** Closes every connection (1001) and stops taking new ones; resolves once all are gone. */
  close(): Promise<void>;
}

/** The close code of a connection closed because the server is shutting down. */
export const GOING_AWAY = 1001;
/** The close code of a connection refused because the server has `maxConnections` open (Try Again Later). */
export const TRY_AGAIN_LATER = 1013;
/** The close code graphql-ws clients know as an internal server error. */
export const INTERNAL_ERROR_CLOSE = 4500;

/** Serves `protocol` over WebSocket connections to `httpServer` at `options.path`. */
export function attachWebSocketTransport<E extends ConnectionExtra>(
  httpServer: http.Server,
  protocol: ProtocolServer<E>,
  makeExtra: (socket: WebSocket, request: http.IncomingMessage) => E,
  options: TransportOptions,
): WebSocketTransport {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayload,
    perMessageDeflate: false,
    handleProtocols: (protocols) => handleProtocols(protocols),
  });
  let closing = false;
  /** Connections taken (refused ones are not counted). */
  let connections = 0;

  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node drops its own error listener from a socket it hands over: a reset must not crash the process.
    socket.on('error', () => socket.destroy());
    if (!isWebSocketUpgrade(request) || pathOf(request) !== options.path) return serveAsHttp(httpServer, request, socket, head);
    if (closing) return refuse(socket, 503, 'SERVICE_UNAVAILABLE', 'The server is shutting down.');
    if (!isAllowedOrigin(request, options.corsOrigins)) {
      return refuse(socket, 403, 'FORBIDDEN', 'WebSocket connections are allowed from this server’s own origin and CORS_ORIGINS only.');
    }
    wss.handleUpgrade(request, socket, head, (ws) => (connections >= options.maxConnections ? refuseConnection(ws) : connect(ws, request)));
  };

  const refuseConnection = (ws: WebSocket) => {
    ws.on('error', () => ws.terminate());
    ws.close(TRY_AGAIN_LATER, `TOO_MANY_CONNECTIONS: this server has its most connections open (${options.maxConnections}); try again later`);
    // ws waits 30 s for the client's answer; a flood of refused sockets must not be held that long.
    setTimeout(() => ws.terminate(), options.closeGraceMs).unref();
  };

  const connect = (ws: WebSocket, request: http.IncomingMessage) => {
    connections++;
    options.onConnections?.(1);
    const stopKeepAlive = keepAlive(ws, options.keepAliveMs);
    ws.on('error', (error) => {
      options.logger.warn({ err: error }, 'websocket error; connection dropped');
      ws.terminate();
    });
    const closed = protocol.opened(
      {
        protocol: ws.protocol,
        send: (data) => send(ws, data, options.maxBufferedBytes, options.logger),
        close: (code, reason) => ws.close(code, reason),
        onMessage: (handle) =>
          ws.on('message', (data) => {
            handle(String(data)).catch((error: unknown) => {
              options.logger.error({ err: error }, 'unexpected error handling a websocket message');
              ws.close(INTERNAL_ERROR_CLOSE, 'Internal server error');
            });
          }),
      },
      makeExtra(ws, request),
    );
    ws.once('close', (code, reason) => {
      stopKeepAlive();
      connections--;
      options.onConnections?.(-1);
      closed(code, reason.toString()).catch((error: unknown) => options.logger.error({ err: error }, 'unexpected error closing a websocket connection'));
    });
  };

  httpServer.on('upgrade', onUpgrade);
  return {
    async close() {
      closing = true;
      const open = [...wss.clients];
      for (const ws of open) ws.close(GOING_AWAY, 'The server is shutting down');
      await Promise.race([Promise.all(open.map(whenClosed)), delay(options.closeGraceMs)]);
      for (const ws of wss.clients) ws.terminate();
      await Promise.all(open.map(whenClosed));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Pings `ws` every `intervalMs`; a ping still unanswered at the next one drops the connection. Returns the function that stops it. */
function keepAlive(ws: WebSocket, intervalMs: number): () => void {
  let answered = true;
  ws.on('pong', () => {
    answered = true;
  });
  const timer = setInterval(() => {
    if (!answered) return ws.terminate();
    answered = false;
    ws.ping();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Sends `data`, resolving once it has left (or the socket is gone). */
function send(ws: WebSocket, data: string, maxBufferedBytes: number, logger: Logger): Promise<void> {
  if (ws.readyState !== WebSocket.OPEN) return Promise.resolve();
  if (ws.bufferedAmount > maxBufferedBytes) {
    logger.warn({ bufferedBytes: ws.bufferedAmount }, 'websocket client reads too slowly; connection dropped');
    ws.terminate();
    return Promise.resolve();
  }
  // An error here means the socket is going away; its close event ends the subscriptions.
  return new Promise((resolve) => ws.send(data, () => resolve()));
}

function whenClosed(ws: WebSocket): Promise<void> {
  return ws.readyState === WebSocket.CLOSED ? Promise.resolve() : new Promise((resolve) => ws.once('close', () => resolve()));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function isWebSocketUpgrade(request: http.IncomingMessage): boolean {
  return request.method === 'GET' && request.headers.upgrade?.toLowerCase() === 'websocket';
}

function pathOf(request: http.IncomingMessage): string {
  return new URL(request.url ?? '/', 'http://localhost').pathname;
}

/**
 * Programs send no Origin; a browser page must be of this server's own origin (the host it
 * asked for) or one of CORS_ORIGINS, as for HTTP requests.
 */
function isAllowedOrigin(request: http.IncomingMessage, corsOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (corsOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * Node hands every request with an Upgrade header to the 'upgrade' listeners once there is
 * one. A request this server does not upgrade is answered as a plain HTTP request, as it
 * was before there was a listener; its body, if any, cannot be read any more (Node stops
 * parsing at an upgrade), so such a request is refused instead.
 */
function serveAsHttp(httpServer: http.Server, request: http.IncomingMessage, socket: Duplex, head: Buffer): void {
  const length = request.headers['content-length'];
  if (request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')) {
    return refuse(socket, 400, 'BAD_REQUEST', 'This server upgrades only WebSocket connections to /graphql: send this request without its Upgrade header.');
  }
  if (head.length > 0) socket.unshift(head);
  const response = new http.ServerResponse(request);
  response.shouldKeepAlive = false;
  response.assignSocket(socket as Socket);
  response.once('finish', () => {
    response.detachSocket(socket as Socket);
    socket.end();
  });
  httpServer.emit('request', request, response);
}

/** Answers an upgrade request with an HTTP error in the API's JSON shape, and closes the socket. */
function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
