/**
 * The explorer page's live updates in headless Chromium: a meeting created over HTTP after
 * the page loaded appears in its timeline and graph without a reload, a status line
 * announces it, and the page's WebSocket goes only to its own origin, allowed by its
 * Content-Security-Policy. Screenshot: .tmp/screenshots/explorer-live.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { meetingInput } from '../helpers/meeting-input';
import { postGraphQL } from '../helpers/server-process';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { waitForSubscriptions } from '../subscriptions/ws-helpers';
import { describeInBrowser, launchChromium } from './chromium';

const ROOT = path.resolve(__dirname, '../..');
const SCREENSHOTS = path.join(ROOT, '.tmp/screenshots');
const TOKEN = 'explorer-live-token';
const TITLE = 'Kairat Umarov meets Antony Blinken live';

const CREATE_MEETING = `mutation CreateMeeting($input: CreateMeetingInput!) { createMeeting(input: $input) { meeting { slug } } }`;


let api: TestServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const sockets: string[] = [];

describeInBrowser('explorer page, live', () => {
  beforeAll(async () => {
    api = await startTestServer({ env: { API_TOKENS: TOKEN } });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const ours = new URL(api.url);
    await context.route('**/*', (route) => {
      if (new URL(route.request().url()).host === ours.host) return route.continue();
      problems.push(`off-host request: ${route.request().url()}`);
      return route.abort('blockedbyclient');
    });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await page.goto(`${api.url}/`);
    await page.locator('#status', { hasText: '8 of 8 meetings loaded' }).waitFor();
    await page.locator('#live-status', { hasText: 'Live updates on' }).waitFor();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  test("allows the page's WebSocket to its own origin in its Content-Security-Policy, and nothing more", async () => {
    const response = await fetch(`${api.url}/`);
    const host = new URL(api.url).host;
    expect(response.headers.get('content-security-policy')).toContain(`connect-src 'self' ws://${host} wss://${host};`);
    expect(sockets).toEqual([`ws://${host}/graphql`]);
  });

  test('shows a meeting created after the page loaded, without a reload, and announces it', async () => {
    // A reload would lose this.
    await page.evaluate(() => ((globalThis as { loadedOnce?: boolean }).loadedOnce = true));
    // The page's subscription is open on the server before the write.
    await waitForSubscriptions(api.url, 1);
    const { body } = await postGraphQL(`${api.url}/graphql`, CREATE_MEETING, { input: meetingInput(TITLE, { summary: 'A meeting created while the explorer was open.' }) }, { token: TOKEN });
    expect(body.errors).toBeUndefined();

    const row = page.locator(`.tl-row[aria-label="${TITLE}, 30 April 2023"]`);
    await row.waitFor({ timeout: 5000 });
    await page.locator('#status', { hasText: '9 of 9 meetings loaded' }).waitFor();
    expect(await page.locator('#live-status').textContent()).toBe('1 new meeting');
    expect(await page.locator('#live-status').getAttribute('role')).toBe('status');
    expect(await page.locator(`.graph-svg .node[aria-label="${TITLE}, meeting"]`).count()).toBe(1);
    expect(await page.evaluate(() => (globalThis as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'explorer-live.png') });
  });

  test('opens the new meeting like any other', async () => {
    await page.locator(`.tl-row[aria-label="${TITLE}, 30 April 2023"]`).click();
    await page.locator('#details .d-title', { hasText: TITLE }).waitFor();
  });

  test('had no page error, console error (a refused connection would be one) or request elsewhere', () => {
    expect(problems).toEqual([]);
  });
});
