/** Latency of one request sent again and again, one at a time, over one keep-alive connection. */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface Latency {
  p50Ms: number;
  p99Ms: number;
  requests: number;
}

export async function latencyOf(url: string, body: string, requests: number, warmup = 100): Promise<Latency> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const target = new URL('/graphql', url);
  const send = () =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const request = http.request(target, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
        response.resume();
        response.on('end', () => (response.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`HTTP ${response.statusCode}`))));
      });
      request.on('error', reject);
      request.end(body);
    });
  try {
    for (let i = 0; i < warmup; i++) await send();
    const times: number[] = [];
    for (let i = 0; i < requests; i++) times.push(await send());
    times.sort((a, b) => a - b);
    return { p50Ms: times[Math.floor(times.length * 0.5)]!, p99Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))]!, requests };
  } finally {
    agent.destroy();
  }
}
