/**
 * The explorer with 2,000 meetings loaded (a synthetic corpus), at 1280×800 in headless
 * Chromium: the map stays legible (every country of the meetings shaded, arcs only for the
 * busiest pairs, on screen), the counts chart counts every meeting once, and the page threw
 * nothing. Screenshot: .tmp/screenshots/explorer-map-2000.png.
 */
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { runSynth, tempDir } from '../synth/run-synth';
import { describeInBrowser, launchChromium } from './chromium';

const SCREENSHOTS = path.resolve(__dirname, '../../.tmp/screenshots');
const MEETINGS = 2000;
const PAGE = 100;

let api: TestServer;
let browser: Browser;
let corpus: string;

describeInBrowser('explorer with 2,000 meetings loaded (1280×800)', () => {
  beforeAll(async () => {
    corpus = await tempDir();
    const run = await runSynth(['--meetings', String(MEETINGS), '--out', corpus]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    api = await startTestServer({ dataDir: corpus });
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await rm(corpus, { recursive: true, force: true });
  });

  test('the map shades every country, draws arcs for the busiest pairs only, and the chart counts every meeting once', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${api.url}/?pageSize=${PAGE}`);
    await page.locator('#status', { hasText: `${PAGE} of ${MEETINGS} meetings loaded` }).waitFor();
    for (let loaded = 2 * PAGE; loaded <= MEETINGS; loaded += PAGE) {
      await page.locator('#load-more').click();
      await page.locator('#status', { hasText: `${loaded} of ${MEETINGS} meetings loaded` }).waitFor();
    }
    await page.locator('#tab-map').click();
    await page.locator('.map-country.is-involved').first().waitFor();
    const caption = (await page.locator('#graph-caption').textContent())!;
    const [, countries, pairs] = /^2000 meetings: (\d+) countries, (\d+) pairs \(arcs for the 60 busiest\)/.exec(caption) ?? [];
    expect(Number(pairs)).toBeGreaterThan(60);
    expect(await page.locator('.map-country.is-involved').count()).toBeLessThanOrEqual(Number(countries));
    expect(await page.locator('.map-country.is-involved').count()).toBeGreaterThan(100);
    const arcs = await page.locator('.map-link').count();
    expect(arcs).toBeGreaterThan(0);
    expect(arcs).toBeLessThanOrEqual(60);
    const map = (await page.locator('#map').boundingBox())!;
    expect(map.width).toBeGreaterThan(600);
    expect(map.height).toBeGreaterThan(250);
    expect(map.y + map.height).toBeLessThanOrEqual(800);

    // The chart's months count every meeting once: its total and the open-bound ones make 2,000.
    const label = (await page.locator('.counts-svg').getAttribute('aria-label'))!;
    const [, counted, open] = /: (\d+) counted(?:, (\d+) with an open date bound not counted)?$/.exec(label) ?? [];
    expect(Number(counted) + Number(open ?? 0)).toBe(MEETINGS);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'explorer-map-2000.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
