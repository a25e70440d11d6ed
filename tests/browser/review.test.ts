/**
 * The review page (GET /review) in headless Chromium at 1280×800 against the real server
 * (with a writer token), every request to another host aborted: a report written for this
 * test is drafted, reviewed from the keyboard (accept, reject, edit, pick a stored match),
 * a topic the draft missed is added by selecting its words, and the reviewed bundle is
 * imported with the token; the explorer then shows the new meeting with its quote, and the
 * API the new facts. Screenshots go to .tmp/screenshots/review-*.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { describeInBrowser, launchChromium } from './chromium';

const SCREENSHOTS = path.resolve(__dirname, '../../.tmp/screenshots');
const TOKEN = 'review-page-token';

/** A report of a public event (Biden and Tokayev in New York, 19 September 2023), written for this test. */
const REPORT = [
  'Biden and Tokayev talk security on UN sidelines',
  '',
  'NEW YORK, September 20 - US President Joe Biden held talks with Kazakh President Kassym-Jomart Tokayev on Tuesday on the sidelines of the UN General Assembly. ' +
    'The two leaders discussed regional security and critical minerals. Uzbek President Shavkat Mirziyoyev also met Biden in New York, the White House said.',
  '',
].join('\n');
const TALKS = 'NEW YORK, September 20 - US President Joe Biden held talks with Kazakh President Kassym-Jomart Tokayev on Tuesday on the sidelines of the UN General Assembly.';

let api: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const offHost: string[] = [];
const pageErrors: string[] = [];

/** The list item of the item named `name` (of kind `kind`). */
const item = (kind: string, name: string) => page.locator('.review-item', { has: page.locator('.kind-badge', { hasText: new RegExp(`^${kind}$`) }) }).filter({ has: page.locator('.item-name', { hasText: new RegExp(`^${name}$`) }) });

describeInBrowser('review page (GET /review, offline)', () => {
  beforeAll(async () => {
    api = await startTestServer({ env: { API_TOKENS: TOKEN } });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const ours = new URL(api.url);
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.host === ours.host) return route.continue();
      offHost.push(url.href);
      return route.abort('blockedbyclient');
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  test('is served at /review with the explorer\'s policy, and /#/review leads there', async () => {
    const response = await fetch(`${api.url}/review`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await response.text()).toMatch(/<script src="\/explorer\/assets\/review-\w+\.js" defer><\/script>/);
    await page.goto(`${api.url}/#/review`);
    await page.waitForURL(`${api.url}/review`);
    expect(await page.title()).toBe('Review a report · Entente');
  });

  test('drafts a report: its items are marked in the text and listed with their stored matches', async () => {
    await page.locator('#report-text').fill(REPORT);
    await page.locator('#published-on').fill('2023-09-20');
    await page.locator('#publisher').fill('Entente test desk');
    await page.locator('#draft-button').click();
    await page.locator('.review-item').first().waitFor();
    expect(await page.locator('#status').textContent()).toMatch(/^Drafted \d+ items/);
    // People, places and the meetings' sentences are marked in the text.
    expect(await page.locator('#report-text-view .mark-person').allTextContents()).toEqual(expect.arrayContaining(['Joe Biden', 'Kassym-Jomart Tokayev', 'Shavkat Mirziyoyev']));
    expect(await page.locator('#report-text-view .mark-sentence').count()).toBeGreaterThan(0);
    // The stored Tokayev is preselected; a new person has no stored record.
    const tokayev = item('Person', 'Kassym-Jomart Tokayev');
    expect(await tokayev.locator('input[type=radio][value="kassym-jomart-tokayev"]').isChecked()).toBe(true);
    expect(await item('Person', 'Joe Biden').locator('.item-match').count()).toBe(0);
    await tokayev.locator('.item-action', { hasText: /stored/ }).waitFor();
    expect(await item('Person', 'Joe Biden').locator('.item-action').textContent()).toBe('new record');
    // Nothing imports before every item is reviewed.
    expect(await page.locator('#import-button').isDisabled()).toBe(true);
    expect(await page.locator('#import-note').textContent()).toMatch(/^Review the \d+ items not yet reviewed/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'review-drafted.png') });
  });

  test('fits 1280×800: the text, the items and the import are on screen without scrolling the page', async () => {
    for (const [selector, height] of [['#report-text-view', 400], ['#items', 300], ['#import-button', 20]] as const) {
      const box = (await page.locator(selector).boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(height);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(800);
      expect(box.x + box.width).toBeLessThanOrEqual(1280);
    }
    expect(await page.evaluate('document.scrollingElement.scrollHeight')).toBeLessThanOrEqual(800);
    expect(await page.locator('#draft-form').isVisible()).toBe(false);
  });

  test('is reviewed from the keyboard: clicking words opens their item; r rejects, a accepts, j moves on', async () => {
    // "UN" is proposed as an organization (the United Nations); the reviewer rejects it.
    await page.locator('#report-text-view .mark', { hasText: /^UN$/ }).first().click();
    const un = page.locator('.review-item.is-current');
    expect(await un.locator('.kind-badge').textContent()).toBe('Organization');
    expect(await un.locator('.item-quote').textContent()).toMatch(/UN/);
    await un.press('r');
    await page.locator('.review-item.is-current .item-status', { hasText: 'Rejected' }).waitFor();
    expect(await page.locator('#report-text-view .mark', { hasText: /^UN$/ }).count()).toBe(0);
    // The first item, then the next, accepted with a and moved on with j.
    await page.locator('.review-item').first().focus();
    await page.keyboard.press('a');
    await page.locator('.review-item').first().locator('.item-status', { hasText: 'Accepted' }).waitFor();
    await page.keyboard.press('j');
    expect(await page.evaluate("document.activeElement === document.querySelectorAll('.review-item')[1]")).toBe(true);
    await page.keyboard.press('a');
    await page.locator('.review-item').nth(1).locator('.item-status', { hasText: 'Accepted' }).waitFor();
  });

  test('edits an item: a person renamed, with the references to them', async () => {
    const biden = item('Person', 'Joe Biden');
    await biden.focus();
    await page.keyboard.press('e');
    const name = biden.locator('.item-editor input').first();
    expect(await page.evaluate("document.activeElement.matches('.review-item .item-editor input')")).toBe(true);
    await name.fill('Joseph R. Biden');
    await page.keyboard.press('Enter');
    await item('Person', 'Joseph R. Biden').locator('.item-editor').waitFor();
    await page.keyboard.press('Escape');
    await item('Person', 'Joseph R. Biden').locator('.item-editor').waitFor({ state: 'detached' });
    await item('Person', 'Joseph R. Biden').waitFor();
    await page.locator('.review-item .item-details dd', { hasText: 'Joseph R. Biden, Kassym-Jomart Tokayev' }).waitFor();
  });

  test('adds a topic the draft missed by selecting its words, and says a meeting discussed it', async () => {
    // Selects the words as a reader's drag would (a string: the test's TypeScript has no DOM types).
    await page.evaluate(`(() => {
      const view = document.getElementById('report-text-view');
      const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent.indexOf('critical minerals');
        if (at === -1) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 'critical minerals'.length);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        return;
      }
      throw new Error('no "critical minerals" in the text');
    })()`);
    await page.waitForFunction("document.getElementById('add-words').value === 'critical minerals'");
    await page.locator('#add-kind').selectOption('TOPIC');
    await page.locator('#add-button').click();
    const topic = item('Topic', 'critical minerals');
    await topic.waitFor();
    expect(await page.locator('#report-text-view .mark-topic', { hasText: 'critical minerals' }).count()).toBe(1);
    await topic.locator('button', { hasText: 'Edit' }).click();
    await topic.locator('.editor-topics label', { hasText: 'Talks between' }).locator('input').check();
    await topic.locator('button', { hasText: 'Done' }).first().click();
  });

  test('imports with the token once everything is reviewed, and links to the new facts', async () => {
    await page.locator('#accept-rest').click();
    await page.locator('#plan-summary', { hasText: /^Ready: the import would create \d+, reuse \d+ and add to \d+/ }).waitFor();
    expect(await page.locator('#import-note').textContent()).toMatch(/writer token/);
    await page.locator('#token').fill(TOKEN);
    await page.locator('#import-button').click();
    await page.locator('#status', { hasText: /^Imported: \d+ new records/ }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'review-imported.png') });

    // The API has the reviewed facts: the renamed person, the added topic on the talks, nothing rejected.
    const { people } = await api.data<{ people: { nodes: { name: string; citations: { quote: string }[] }[] } }>('{ people(first: 100) { nodes { name citations { quote } } } }');
    const biden = people.nodes.find((person) => person.name === 'Joseph R. Biden')!;
    expect(biden.citations.map((citation) => citation.quote)).toContain('US President Joe Biden');
    expect(people.nodes.map((person) => person.name)).not.toContain('Joe Biden');
    const { organizations } = await api.data<{ organizations: { nodes: { name: string }[] } }>('{ organizations(first: 100) { nodes { name } } }');
    expect(organizations.nodes.map((organization) => organization.name)).not.toContain('United Nations');

    // The explorer shows the new meeting with its quote.
    await page.locator('#import-result a', { hasText: /^Talks between Joseph R. Biden and Kassym-Jomart Tokayev/ }).click();
    await page.waitForURL(/\/#\/meeting\//);
    const details = page.locator('#details');
    await details.locator('.d-title', { hasText: 'Talks between Joseph R. Biden and Kassym-Jomart Tokayev' }).waitFor();
    expect(await details.locator('.d-sources .quote').allTextContents()).toContain(TALKS);
    expect(await details.textContent()).toMatch(/critical minerals/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'review-explorer.png') });
  });

  test('a near name waits for the reviewer: a key picks the stored person, and the import no longer stops on it', async () => {
    await page.goto(`${api.url}/review`);
    await page.locator('#report-text').fill('Tileuberdi hosts Blinken\n\nASTANA, March 1 - Foreign Minister Mukhtar Tileuberdi hosted US Secretary of State Anthony Blinken for talks on Tuesday.\n');
    await page.locator('#published-on').fill('2023-03-01');
    await page.locator('#report-text').press('Control+Enter');
    const blinken = item('Person', 'Anthony Blinken');
    await blinken.locator('.item-match.is-open').waitFor();
    expect(await blinken.locator('.match-option').first().textContent()).toMatch(/Antony Blinken 0\.9\d/);
    await page.locator('#plan-problems li', { hasText: /^Person Anthony Blinken: may be a stored record: pick the one it is/ }).waitFor();
    await blinken.focus();
    await page.keyboard.press('1');
    expect(await blinken.locator('input[value="antony-blinken"]').isChecked()).toBe(true);
    await page.locator('#plan-summary', { hasText: /^(Ready|Not yet)/ }).waitFor();
    expect(await page.locator('#plan-problems li', { hasText: 'Anthony Blinken' }).count()).toBe(0);
    expect(await blinken.locator('.item-action').textContent()).toBe('stored: adds to it');
  });

  test('loaded nothing from elsewhere and threw nothing', () => {
    expect(offHost).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
