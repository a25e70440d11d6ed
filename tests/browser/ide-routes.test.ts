/**
 * The IDE's HTTP surface, without a browser: who gets the page, its security headers,
 * its assets' caching and types, and API clients on /graphql left to Apollo.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { createIdeAssets } from '../../src/pages/ide-assets';
import { IDE_CONTENT_SECURITY_POLICY, renderIdePage } from '../../src/pages/ide-page';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const exampleCount = readdirSync(path.resolve(__dirname, '../../docs/queries')).filter((file) => file.endsWith('.graphql')).length;

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.stop());

async function idePage(): Promise<{ response: Response; html: string }> {
  const response = await fetch(`${api.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
  return { response, html: await response.text() };
}

/** The src and href of every script and stylesheet of the page. */
function assetUrls(html: string): string[] {
  return [...html.matchAll(/<(?:script src|link rel="stylesheet" href)="([^"]+)"/g)].map((match) => match[1]!);
}

/** The JSON config block the boot script reads. */
function pageConfig(html: string): { endpoint: string; tabs: { query: string }[] } {
  return JSON.parse(/<script type="application\/json" id="entente-ide-config">([\s\S]*?)<\/script>/.exec(html)![1]!);
}

describe('the IDE page', () => {
  test('a browser navigation to /graphql gets the IDE, with a self-only Content-Security-Policy', async () => {
    const { response, html } = await idePage();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(IDE_CONTENT_SECURITY_POLICY);
    expect(IDE_CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('vary')).toContain('Accept');
    expect(html).toContain('<div id="graphiql">');
    expect(html).not.toMatch(/<script>|https?:\/\//);
  });

  test('preloads the example operations of docs/queries and posts to /graphql', async () => {
    const config = pageConfig((await idePage()).html);
    expect(config.endpoint).toBe('/graphql');
    expect(config.tabs).toHaveLength(exampleCount);
    expect(config.tabs[0]!.query).toMatch(/^# .+\nquery \w+/);
  });

  test('the config block cannot end its script element, whatever a query holds', () => {
    const tabs = [{ query: '# </script><script>alert(1)</script> & <!--\n{ __typename }\n' }];
    const html = renderIdePage(createIdeAssets(), tabs);
    expect(pageConfig(html).tabs).toEqual(tabs);
    expect(html.match(/<\/script>/g)).toHaveLength(5);
  });
});

describe('the IDE assets', () => {
  test('every script and stylesheet is served here, versioned, immutable and correctly typed', async () => {
    const urls = assetUrls((await idePage()).html);
    expect(urls).toEqual([
      '/graphql/assets/graphiql@4.1.2/style.css',
      expect.stringMatching(/^\/graphql\/assets\/entente-[0-9a-f]{12}\/ide\.css$/),
      '/graphql/assets/react@18.3.1/react.production.min.js',
      '/graphql/assets/react-dom@18.3.1/react-dom.production.min.js',
      '/graphql/assets/graphiql@4.1.2/index.umd.js',
      expect.stringMatching(/^\/graphql\/assets\/entente-[0-9a-f]{12}\/ide-boot\.js$/),
    ]);
    for (const url of urls) {
      const response = await fetch(`${api.url}${url}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(url.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
  });

  test('assets are gzipped for clients that accept it', async () => {
    const url = `${api.url}/graphql/assets/graphiql@4.1.2/index.umd.js`;
    const plain = await fetch(url, { method: 'HEAD', headers: { 'accept-encoding': 'identity' } });
    const gzipped = await fetch(url, { method: 'HEAD', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(Number(gzipped.headers.get('content-length'))).toBeLessThan(Number(plain.headers.get('content-length')) / 2);
    expect(gzipped.headers.get('vary')).toContain('Accept-Encoding');
  });

  test('an unknown asset is a 404 with a code, not a GraphQL request', async () => {
    const response = await fetch(`${api.url}/graphql/assets/graphiql@0.0.1/index.umd.js`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: [{ message: 'No such IDE asset.', extensions: { code: 'NOT_FOUND' } }] });
  });
});

describe('API clients on /graphql are unchanged', () => {
  test('a GET that accepts JSON reaches Apollo (and its CSRF prevention)', async () => {
    for (const accept of ['application/json', '*/*']) {
      const response = await fetch(`${api.url}/graphql`, { headers: { accept } });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });

  test('a GET query from a browser-like client still runs, given the preflight header', async () => {
    const query = encodeURIComponent('query { person(slug: "kairat-umarov") { name } }');
    const response = await fetch(`${api.url}/graphql?query=${query}`, { headers: { accept: BROWSER_ACCEPT, 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { person: { name: 'Kairat Umarov' } } });
  });

  test('POST is always GraphQL', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { accept: BROWSER_ACCEPT, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
