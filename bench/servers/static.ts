/**
 * The limit: a bare node:http server that reads each POST body and answers it with a
 * response body computed in advance. No GraphQL server can beat it on the same machine.
 * BODIES_FILE names a JSON object mapping each request body to its response body.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';

const bodies = new Map<string, Buffer>(
  Object.entries(JSON.parse(readFileSync(process.env.BODIES_FILE!, 'utf8')) as Record<string, string>).map(([request, response]) => [request, Buffer.from(response)]),
);

http
  .createServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = bodies.get(Buffer.concat(chunks).toString());
      if (body === undefined) res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"message":"unknown request"}]}');
      else res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }).end(body);
    });
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
