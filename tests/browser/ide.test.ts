/**
 * The in-browser IDE in headless Chromium against the real server, with every request
 * to another host aborted: GraphiQL must load, introspect, show the example tabs and run
 * them from Entente's own files alone. Screenshots go to .tmp/screenshots/.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { describeInBrowser, launchChromium } from './chromium';

const ROOT = path.resolve(__dirname, '../..');
const QUERIES_DIR = path.join(ROOT, 'docs/queries');
const SCREENSHOTS = path.join(ROOT, '.tmp/screenshots');
const TOKEN = 'ide-test-token';

const exampleFiles = readdirSync(QUERIES_DIR).filter((file) => file.endsWith('.graphql')).sort();
const exampleQuery = (file: string) => readFileSync(path.join(QUERIES_DIR, file), 'utf8');
const operationName = (query: string) => /^(?:query|mutation|subscription)\s+(\w+)/m.exec(query)![1]!;

/** What the page did, recorded from the moment it opened. */
interface PageLog {
  offHost: string[];
  failed: string[];
  pageErrors: string[];
  consoleErrors: string[];
  graphqlPosts: { body: Record<string, unknown>; authorization: string | undefined }[];
}

let api: TestServer;
let browser: Browser;
let page: Page;
const log: PageLog = { offHost: [], failed: [], pageErrors: [], consoleErrors: [], graphqlPosts: [] };

/** The text of the CodeMirror editor inside `selector`, through the editor's own API. */
function editorText(selector: string): Promise<string> {
  return page.locator(`${selector} .CodeMirror`).first().evaluate((element: any) => element.CodeMirror.getValue() as string);
}

describeInBrowser('in-browser IDE (GraphiQL, offline)', () => {
  beforeAll(async () => {
    api = await startTestServer({ env: { API_TOKENS: TOKEN } });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const ours = new URL(api.url);
    const allowedHosts = new Set([ours.host, `localhost:${ours.port}`]);
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (allowedHosts.has(url.host)) return route.continue();
      log.offHost.push(url.href);
      return route.abort('blockedbyclient');
    });
    page = await context.newPage();
    page.on('pageerror', (error) => log.pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') log.consoleErrors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) log.failed.push(`${response.status()} ${response.url()}`);
    });
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql') {
        log.graphqlPosts.push({ body: JSON.parse(request.postData() ?? '{}'), authorization: request.headers().authorization });
      }
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.goto(`${api.url}/graphql`);
    await page.locator('.graphiql-container').waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  test('introspects the schema, and the docs explorer shows the Query type and its fields', async () => {
    await expectEventually(() => log.graphqlPosts.some((post) => post.body.operationName === 'IntrospectionQuery'));
    await page.locator('.graphiql-sidebar button[aria-label$="Documentation Explorer"]').click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.locator('.graphiql-doc-explorer-root-type', { hasText: 'Query' }).waitFor();
    await docs.locator('.graphiql-doc-explorer-type-name', { hasText: /^Query$/ }).first().click();
    await docs.locator('.graphiql-doc-explorer-title', { hasText: 'Query' }).waitFor();
    const fields = await docs.locator('.graphiql-doc-explorer-field-name').allTextContents();
    expect(fields).toEqual(expect.arrayContaining(['person', 'meetings', 'search', 'node']));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'ide-docs.png') });
    await page.locator('.graphiql-sidebar button[aria-label$="Documentation Explorer"]').click();
  });

  test('preloads one tab per docs/queries file, named by its operation, in file order', async () => {
    const titles = await page.locator('.graphiql-tab .graphiql-tab-button').allTextContents();
    expect(titles.map((title) => title.trim())).toEqual(exampleFiles.map((file) => operationName(exampleQuery(file))));
    expect(await editorText('.graphiql-query-editor')).toBe(exampleQuery(exampleFiles[0]!).trimEnd() + '\n');
  });

  test('runs the first tab and shows the server’s whole answer in the result pane', async () => {
    const expected = await api.query(exampleQuery(exampleFiles[0]!));
    expect(expected.errors).toBeUndefined();
    await page.locator('.graphiql-execute-button').click();
    const firstTitle = (expected.data as { meeting: { title: string } }).meeting.title;
    await page.locator('.result-window', { hasText: firstTitle }).waitFor();
    expect(JSON.parse(await editorText('.result-window'))).toEqual(expected);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'ide.png') });
  });

  test('sends the headers editor’s bearer token, so a write from the IDE succeeds', async () => {
    const umarov = exampleFiles.indexOf('umarov-meetings.graphql');
    await page.locator('.graphiql-tab .graphiql-tab-button').nth(umarov).click();
    await editorsSettled();
    // Ctrl-Enter runs the active tab, as a user would.
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Control+Enter');
    await page.locator('.result-window', { hasText: 'Kairat Umarov' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'ide-umarov.png') });

    await page.locator('.graphiql-tab-add').click();
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('mutation AddTopic { createTopic(input: { name: "Water security" }) { topic { slug name } } }');
    await page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(`{"Authorization": "Bearer ${TOKEN}"}`);
    await editorsSettled();
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.result-window', { hasText: 'water-security' }).waitFor();
    expect(JSON.parse(await editorText('.result-window'))).toEqual({ data: { createTopic: { topic: { slug: 'water-security', name: 'Water security' } } } });
    expect(log.graphqlPosts.at(-1)).toEqual({ body: expect.objectContaining({ operationName: 'AddTopic' }), authorization: `Bearer ${TOKEN}` });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'ide-headers.png') });
  });

  test('loaded everything from the server itself, with no failed request, page error or console error', () => {
    expect(log).toEqual(expect.objectContaining({ offHost: [], failed: [], pageErrors: [], consoleErrors: [] }));
  });
});

/**
 * GraphiQL takes a tab's operation name from its editor 100 ms after a change (a
 * debounce); running sooner sends the previous tab's name. A person is never that quick.
 */
function editorsSettled(): Promise<void> {
  return page.waitForTimeout(300);
}

/** Waits (up to 10 s) until `condition` holds. */
async function expectEventually(condition: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 10_000; !condition(); ) {
    if (Date.now() > deadline) throw new Error('condition still false after 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
