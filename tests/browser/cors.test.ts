/**
 * CORS as a browser enforces it: pages on other origins call the real server's /graphql.
 * Only a CORS_ORIGINS origin may read the answers, and Apollo's CSRF prevention still
 * refuses a simple request from it. The client pages come from a blank-page server on
 * loopback, reached as two origins (localhost and 127.0.0.1): a page from a non-loopback
 * origin would meet Chromium's local-network permission before CORS.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { describeInBrowser, launchChromium } from './chromium';

const UMAROV = 'query Umarov { person(slug: "kairat-umarov") { name } }';

let api: TestServer;
let clientPages: http.Server;
let browser: Browser;
let context: BrowserContext;
let allowedOrigin: string;
let otherOrigin: string;

/** Opens a blank page on `origin`. */
async function pageOn(origin: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  return page;
}

/** What `fetch(url, init)` from `page` gives: the status and body, or the error the browser raised. */
function browserFetch(page: Page, url: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status?: number; body?: string; error?: string }> {
  return page.evaluate(
    async ([url, init]) => {
      try {
        const response = await fetch(url, init);
        return { status: response.status, body: await response.text() };
      } catch (error) {
        return { error: String(error) };
      }
    },
    [url, init] as const,
  );
}

describeInBrowser('CORS in Chromium', () => {
  beforeAll(async () => {
    clientPages = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>client</title>'));
    await new Promise<void>((resolve) => clientPages.listen(0, '127.0.0.1', resolve));
    const { port } = clientPages.address() as AddressInfo;
    allowedOrigin = `http://localhost:${port}`;
    otherOrigin = `http://127.0.0.1:${port}`;
    api = await startTestServer({ env: { CORS_ORIGINS: allowedOrigin } });
    browser = await launchChromium();
    context = await browser.newContext();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await new Promise((resolve) => clientPages?.close(resolve));
  });

  test('a page on an allowed origin reads with a JSON POST (preflighted) and a GET with apollo-require-preflight', async () => {
    const page = await pageOn(allowedOrigin);
    const posted = await browserFetch(page, `${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer nothing-needed-for-reads' },
      body: JSON.stringify({ query: UMAROV }),
    });
    const got = await browserFetch(page, `${api.url}/graphql?query=${encodeURIComponent(UMAROV)}`, { headers: { 'apollo-require-preflight': 'true' } });
    const expected = { status: 200, body: JSON.stringify({ data: { person: { name: 'Kairat Umarov' } } }) + '\n' };
    expect(posted).toEqual(expected);
    expect(got).toEqual(expected);
  });

  test('a page on another origin cannot read the answer', async () => {
    const page = await pageOn(otherOrigin);
    const posted = await browserFetch(page, `${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: UMAROV }) });
    expect(posted).toEqual({ error: expect.stringContaining('Failed to fetch') });
  });

  test('a simple text/plain POST from an allowed origin is still refused by CSRF prevention', async () => {
    const page = await pageOn(allowedOrigin);
    const posted = await browserFetch(page, `${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: UMAROV }) });
    expect(posted.status).toBe(400);
    expect(posted.body).toContain('Cross-Site Request Forgery');
  });
});
