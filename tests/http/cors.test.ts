/**
 * CORS on /graphql: only the exact origins of CORS_ORIGINS may call it from a browser,
 * with the headers GraphQL clients send; Apollo's CSRF prevention stays on for everyone.
 */
import { ConfigError, readConfig } from '../../src/config';
import { startTestServer, type TestServer } from '../helpers/test-server';

const ALLOWED = 'https://analysts.example.org';
const ALSO_ALLOWED = 'http://localhost:5173';
const OTHER = 'https://evil.example.com';
const UMAROV = 'query Umarov { person(slug: "kairat-umarov") { name } }';

let api: TestServer;
let closed: TestServer;
beforeAll(async () => {
  [api, closed] = await Promise.all([startTestServer({ env: { CORS_ORIGINS: `${ALLOWED}, ${ALSO_ALLOWED}` } }), startTestServer()]);
});
afterAll(() => Promise.all([api.stop(), closed.stop()]));

function preflight(server: TestServer, origin: string, requestHeaders = 'content-type,authorization'): Promise<Response> {
  return fetch(`${server.url}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': requestHeaders },
  });
}

function post(server: TestServer, origin: string, body: unknown, contentType = 'application/json'): Promise<Response> {
  return fetch(`${server.url}/graphql`, { method: 'POST', headers: { origin, 'content-type': contentType }, body: JSON.stringify(body) });
}

describe('an allowed origin', () => {
  test('gets its preflight answered with the methods and headers GraphQL clients send', async () => {
    const response = await preflight(api, ALLOWED, 'content-type,authorization,apollo-require-preflight,x-apollo-operation-name');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type,authorization,apollo-require-preflight,x-apollo-operation-name,entente-min-version');
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toContain('Origin');
  });

  test('every listed origin is allowed, each echoed back exactly', async () => {
    const response = await preflight(api, ALSO_ALLOWED);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALSO_ALLOWED);
  });

  test('gets Access-Control-Allow-Origin on the actual request, with the result', async () => {
    const response = await post(api, ALLOWED, { query: UMAROV });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('vary')).toContain('Origin');
    // So that a browser client can report the request id of a failed call.
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id,entente-data-version');
    expect(await response.json()).toEqual({ data: { person: { name: 'Kairat Umarov' } } });
  });

  test('can read with a cacheable GET carrying the apollo-require-preflight header', async () => {
    const response = await fetch(`${api.url}/graphql?query=${encodeURIComponent(UMAROV)}`, {
      headers: { origin: ALLOWED, 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(await response.json()).toEqual({ data: { person: { name: 'Kairat Umarov' } } });
  });
});

describe('an origin not listed', () => {
  test('gets no Access-Control-Allow-Origin on its preflight', async () => {
    const response = await preflight(api, OTHER);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('gets no Access-Control-Allow-Origin on a request, so the browser hides the answer', async () => {
    const response = await post(api, OTHER, { query: UMAROV });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('is matched exactly: another scheme, port or subdomain is another origin', async () => {
    for (const origin of ['http://analysts.example.org', 'https://analysts.example.org:8443', 'https://x.analysts.example.org', 'null']) {
      expect((await preflight(api, origin)).headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});

describe('without CORS_ORIGINS', () => {
  test('no origin gets cross-origin access', async () => {
    for (const origin of [ALLOWED, OTHER]) {
      expect((await preflight(closed, origin)).headers.get('access-control-allow-origin')).toBeNull();
      expect((await post(closed, origin, { query: UMAROV })).headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  test('same-origin and non-browser clients work as before', async () => {
    expect(await closed.query(UMAROV)).toEqual({ data: { person: { name: 'Kairat Umarov' } } });
  });
});

describe('CSRF prevention stays on', () => {
  test('a simple text/plain POST is blocked, even from an allowed origin', async () => {
    const response = await post(api, ALLOWED, { query: UMAROV }, 'text/plain');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([{ message: expect.stringContaining('Cross-Site Request Forgery'), extensions: { code: 'BAD_REQUEST' } }]);
  });

  test('a simple GET without a preflight-forcing header is blocked', async () => {
    const response = await fetch(`${api.url}/graphql?query=${encodeURIComponent(UMAROV)}`, { headers: { origin: ALLOWED } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Cross-Site Request Forgery');
  });
});

describe('CORS_ORIGINS configuration', () => {
  test('is a comma-separated list of origins, none by default', () => {
    expect(readConfig({}).corsOrigins).toEqual([]);
    expect(readConfig({ CORS_ORIGINS: ' https://a.example.org , http://localhost:3000,, ' }).corsOrigins).toEqual(['https://a.example.org', 'http://localhost:3000']);
  });

  test.each(['https://example.org/', 'https://example.org/graphql', 'example.org', '*', 'ftp://example.org', 'https://Example.org', 'https://example.org:443'])(
    'rejects %j, naming the variable',
    (value) => {
      expect(() => readConfig({ CORS_ORIGINS: `https://ok.example.org,${value}` })).toThrow(ConfigError);
      expect(() => readConfig({ CORS_ORIGINS: value })).toThrow(`CORS_ORIGINS must be comma-separated origins like https://example.org`);
    },
  );
});
