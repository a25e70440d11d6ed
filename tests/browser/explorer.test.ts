/**
 * The explorer page (GET /) in headless Chromium against the real server, with every
 * request to another host aborted: the timeline, the graph, the details with their quotes
 * and the search must all work from Entente's own files and its /graphql alone.
 * Screenshots (1280×800) go to .tmp/screenshots/explorer-*.png; the filter bar's, with a
 * filter applied, also to /tmp/explorer-filter.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { describeInBrowser, launchChromium } from './chromium';

const ROOT = path.resolve(__dirname, '../..');
const SCREENSHOTS = path.join(ROOT, '.tmp/screenshots');

interface CitationRecord {
  source: string;
  quote: string;
}
interface MeetingRecord {
  slug: string;
  title: string;
  countries: string[];
  citations: CitationRecord[];
  participants: { person: string | null }[];
}
const meetings = JSON.parse(readFileSync(path.join(ROOT, 'data/meetings.json'), 'utf8')) as MeetingRecord[];
const sources = JSON.parse(readFileSync(path.join(ROOT, 'data/sources.json'), 'utf8')) as { slug: string; title: string }[];
const meeting = (slug: string) => meetings.find((record) => record.slug === slug)!;
const sourceTitle = (slug: string) => sources.find((source) => source.slug === slug)!.title;

/** What the pages did, recorded from the moment they opened. */
interface PageLog {
  offHost: string[];
  failed: string[];
  pageErrors: string[];
  consoleErrors: string[];
  graphqlPosts: { operationName?: string; variables?: Record<string, unknown> }[];
}

let api: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const log: PageLog = { offHost: [], failed: [], pageErrors: [], consoleErrors: [], graphqlPosts: [] };

/** A page of `context` whose errors and GraphQL requests go to `log`. */
async function openPage(url: string): Promise<Page> {
  const opened = await context.newPage();
  opened.on('pageerror', (error) => log.pageErrors.push(error.message));
  opened.on('console', (message) => {
    if (message.type() === 'error') log.consoleErrors.push(message.text());
  });
  opened.on('response', (response) => {
    if (response.status() >= 400) log.failed.push(`${response.status()} ${response.url()}`);
  });
  opened.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql') log.graphqlPosts.push(JSON.parse(request.postData() ?? '{}'));
  });
  await opened.goto(url);
  await opened.locator('#status', { hasText: 'meetings loaded' }).waitFor();
  await opened.locator('.graph-svg .node').first().waitFor();
  return opened;
}

const graphNode = (label: string) => page.locator(`.graph-svg .node[aria-label="${label}"]`);
const details = () => page.locator('#details');

describeInBrowser('explorer page (GET /, offline)', () => {
  beforeAll(async () => {
    api = await startTestServer();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const ours = new URL(api.url);
    const allowedHosts = new Set([ours.host, `localhost:${ours.port}`]);
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (allowedHosts.has(url.host)) return route.continue();
      log.offHost.push(url.href);
      return route.abort('blockedbyclient');
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
    page = await openPage(`${api.url}/`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  describe('serving', () => {
    test('answers GET / with the page, a Content-Security-Policy of its own origin only, and hashed immutable assets', async () => {
      const response = await fetch(`${api.url}/`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const policy = response.headers.get('content-security-policy')!;
      expect(policy).toMatch(/default-src 'self'/);
      expect(policy).toMatch(/script-src 'self'(;|$)/);
      expect(policy).toMatch(/style-src 'self'(;|$)/);
      expect(policy).not.toMatch(/unsafe|https?:|\*|data:/);
      const html = await response.text();
      expect(html).not.toMatch(/<script>|style=|https?:\/\//);
      const script = /<script src="(\/explorer\/assets\/explorer-\w+\.js)" defer><\/script>/.exec(html)?.[1];
      const styles = /<link rel="stylesheet" href="(\/explorer\/assets\/explorer-styles-\w+\.css)">/.exec(html)?.[1];
      for (const [asset, type] of [[script, 'text/javascript'], [styles, 'text/css']] as const) {
        const assetResponse = await fetch(`${api.url}${asset}`);
        expect(assetResponse.status).toBe(200);
        expect(assetResponse.headers.get('content-type')).toMatch(type);
        expect(assetResponse.headers.get('cache-control')).toMatch(/immutable/);
      }
      expect((await fetch(`${api.url}/explorer/assets/nothing.js`)).status).toBe(404);
    });

    test('gives the page a title, labelled SVGs and real buttons', async () => {
      expect(await page.title()).toBe('Entente explorer');
      expect(await page.locator('.tl-body').getAttribute('aria-label')).toBe('Timeline of 8 meetings, by date');
      expect(await page.locator('.graph-svg').getAttribute('aria-label')).toMatch(/^Relationship graph of 8 meetings: \d+ entities and \d+ links$/);
      expect(await page.locator('#zoom-in').evaluate((element) => element.tagName)).toBe('BUTTON');
    });
  });

  describe('timeline', () => {
    test('lists every meeting, each part indented under its visit', async () => {
      const rows = await page.locator('.tl-row').evaluateAll((elements) =>
        elements.map((element) => ({ title: element.getAttribute('aria-label'), part: element.querySelector('.tl-branch') !== null })),
      );
      expect(rows).toHaveLength(8);
      const visit = rows.findIndex((row) => row.title === "Antony Blinken's visit to Kazakhstan, late February 2023");
      expect(rows[visit]!.part).toBe(false);
      expect(rows.slice(visit + 1, visit + 3)).toEqual(
        expect.arrayContaining([
          { title: 'C5+1 ministerial meeting in Astana, late February 2023', part: true },
          { title: 'Antony Blinken meets Kassym-Jomart Tokayev, late February 2023', part: true },
        ]),
      );
    });

    test('draws closed ranges as solid bars from their earliest to their latest day', async () => {
      // In the timeline's own coordinates: a bar's x and width, and each month's gridline.
      const bar = (title: string) =>
        page.locator(`.tl-row[aria-label^="${title},"] .tl-bar`).evaluate((element) => {
          const [left, width] = ['x', 'width'].map((name) => Number(element.getAttribute(name)));
          return { className: element.getAttribute('class'), fill: element.getAttribute('fill'), left: left!, right: left! + width! };
        });
      const tick = async (label: string) => Number(await page.locator(`.tl-gridline[data-tick="${label}"]`).getAttribute('x1'));
      const [march, april, may] = [await tick('Mar 2023'), await tick('Apr 2023'), await tick('May 2023')];
      const dayWidth = (april - march) / 31;

      // late February 2023: 21 to 28 February, so it ends where March begins.
      const c5 = await bar('C5+1 ministerial meeting in Astana');
      expect(c5.className).toMatch(/is-closed/);
      expect(c5.fill).toBeNull();
      expect(c5.right).toBeCloseTo(march, 0);
      expect(c5.right - c5.left).toBeCloseTo(8 * dayWidth, 0);

      // between 21 February and 30 April 2023 (on or before 30 April, after Blinken's visit): a solid bar to the start of 1 May.
      const nuland = await bar('Kairat Umarov meets Victoria Nuland');
      expect(nuland.className).toMatch(/is-closed/);
      expect(nuland.fill).toBeNull();
      expect(nuland.right).toBeCloseTo(may, 0);
      expect(nuland.left).toBeCloseTo(c5.left, 0);
    });

    test('opens a meeting from its row, showing its quotes', async () => {
      await page.locator('.tl-row[aria-label^="C5+1 ministerial meeting in Astana,"]').click();
      await details().locator('.d-title', { hasText: 'C5+1 ministerial meeting in Astana' }).waitFor();
      const quotes = await details().locator('.d-sources .quote').allTextContents();
      expect(quotes).toEqual(meeting('c5-plus-1-ministerial-astana-2023').citations.map((citation) => citation.quote));
      expect(await page.locator('.tl-row.is-selected').getAttribute('aria-label')).toBe('C5+1 ministerial meeting in Astana, late February 2023');
      expect(await graphNode('C5+1 ministerial meeting in Astana, meeting').getAttribute('class')).toMatch(/is-selected/);
    });

    test('shows each quote once per panel: a quote repeated below (participants, tenures) is named by its first words', async () => {
      // The C5+1 ministerial: its participants are cited by the meeting's own sentences.
      const all = await details().locator('.quote').allTextContents();
      expect(new Set(all).size).toBe(all.length);
      expect(await details().locator('.d-participants .quote-again').count()).toBeGreaterThan(0);
      expect(await details().locator('.d-participants .quote-again').first().textContent()).toMatch(/^“(\S+ ){5}\S+…” \(quoted above\)$|^“.+” \(quoted above\)$/);
      // A person whose tenure and record cite one quote shows it once.
      await page.evaluate("location.hash = '#/person/antony-blinken'");
      await details().locator('.d-title', { hasText: 'Antony Blinken' }).waitFor();
      const personQuotes = await details().locator('.quote').allTextContents();
      expect(personQuotes.length).toBeGreaterThan(0);
      expect(new Set(personQuotes).size).toBe(personQuotes.length);
      expect(await details().locator('.quote-again').count()).toBeGreaterThan(0);
      await page.evaluate("location.hash = '#/meeting/c5-plus-1-ministerial-astana-2023'");
      await details().locator('.d-title', { hasText: 'C5+1 ministerial meeting in Astana' }).waitFor();
    });
  });

  describe('graph', () => {
    test("draws the article's people, offices, countries, meetings and the C5+1 format, with a legend", async () => {
      const labels = await page.locator('.graph-svg .node').evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label')));
      expect(labels.length).toBeGreaterThanOrEqual(20);
      expect(labels).toEqual(
        expect.arrayContaining([
          'Kairat Umarov, person',
          'Victoria Nuland, person',
          'First Deputy Foreign Minister (KZ), office',
          'Kazakhstan, country',
          'C5+1, format',
          'C5+1 ministerial meeting in Astana, meeting',
          "Kairat Umarov's visit to the United States, visit",
        ]),
      );
      expect(await page.locator('.graph-svg .edge').count()).toBeGreaterThanOrEqual(20);
      expect(await page.locator('#graph-legend li').allTextContents()).toEqual(
        expect.arrayContaining(['Person', 'Office', 'Meeting', 'Visit', 'Country', 'Format', 'took part in', 'holds office', 'of country', 'part of visit']),
      );
      await page.mouse.move(0, 0);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'explorer.png') });
    });

    test('lays out labels that do not overlap, at a legible size', async () => {
      const { overlaps, fontSize } = await page.locator('.graph-svg').evaluate((svg) => {
        const boxes = [...svg.querySelectorAll('.node-label')].map((label) => label.getBoundingClientRect());
        const overlapping: number[][] = [];
        boxes.forEach((a, i) =>
          boxes.slice(i + 1).forEach((b, j) => {
            if (a.left + 1 < b.right && b.left + 1 < a.right && a.top + 1 < b.bottom && b.top + 1 < a.bottom) overlapping.push([i, i + 1 + j]);
          }),
        );
        const [, , width, height] = svg.getAttribute('viewBox')!.split(' ').map(Number);
        const scale = Math.min(svg.clientWidth / width!, svg.clientHeight / height!);
        return { overlaps: overlapping.length, fontSize: 12 * scale };
      });
      expect(overlaps).toBe(0);
      expect(fontSize).toBeGreaterThanOrEqual(9);
    });

    test('clicking Umarov lists his five meetings in the details', async () => {
      await graphNode('Kairat Umarov, person').click();
      await details().locator('.d-title', { hasText: 'Kairat Umarov' }).waitFor();
      await details().locator('.d-meetings li').first().waitFor();
      expect(new URL(page.url()).hash).toBe('#/person/kairat-umarov');
      expect(await details().locator('section[aria-label="Meetings"] h3').textContent()).toBe('Meetings (5)');
      const titles = await details().locator('section[aria-label="Meetings"] .d-meetings .ref').allTextContents();
      const expected = meetings.filter((record) => record.participants.some((participant) => participant.person === 'kairat-umarov')).map((record) => record.title);
      expect(titles.sort()).toEqual(expected.sort());
      expect(titles).toHaveLength(5);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'explorer-person.png') });
    });

    test("clicking one of his meetings shows the article's quotes, verbatim, with the source's title", async () => {
      await details().locator('.d-meetings .ref', { hasText: 'Kairat Umarov meets Victoria Nuland' }).click();
      await details().locator('.d-title', { hasText: 'Kairat Umarov meets Victoria Nuland' }).waitFor();
      const citations = await details()
        .locator('.d-sources .citation')
        .evaluateAll((elements) => elements.map((element) => ({ quote: element.querySelector('.quote')!.textContent, source: element.querySelector('cite')!.textContent })));
      const record = meeting('kairat-umarov-victoria-nuland-meeting-2023');
      expect(citations).toEqual(record.citations.map((citation) => ({ quote: citation.quote, source: sourceTitle(citation.source) })));
      expect(citations.length).toBeGreaterThan(0);
      expect(await graphNode('Kairat Umarov meets Victoria Nuland, meeting').getAttribute('class')).toMatch(/is-selected/);
      await page.mouse.move(0, 0);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'explorer-meeting.png') });
    });

    test('opens a node from the keyboard: Tab-focusable, Enter opens its details', async () => {
      await graphNode('Victoria Nuland, person').focus();
      await page.keyboard.press('Enter');
      await details().locator('.d-title', { hasText: 'Victoria Nuland' }).waitFor();
      expect(await graphNode('Victoria Nuland, person').evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    });
  });

  describe('counts over time', () => {
    test('charts meetings per month above the timeline: certainly in the month, and the shares of dates spanning months', async () => {
      await page.locator('.counts-svg rect').first().waitFor();
      // The article's meetings: three late-February ones certainly in February 2023, five "between 21 February and 30 April 2023".
      expect(await page.locator('.counts-svg').getAttribute('aria-label')).toBe('Meetings per month, 2023-02 to 2023-04: 8 counted');
      const months = await page.locator('.counts-share title').allTextContents();
      expect(months).toEqual([
        expect.stringMatching(/^February 2023: 3 certainly in the month, 3\.6 with the shares/),
        expect.stringMatching(/^March 2023: 0 certainly in the month, 2\.2 with the shares/),
        expect.stringMatching(/^April 2023: 0 certainly in the month, 2\.2 with the shares/),
      ]);
      // The band of the timeline's span (mid-February to May 2023) is drawn over the months it covers.
      const band = (await page.locator('.counts-span').boundingBox())!;
      const bars = await page.locator('.counts-share').evaluateAll((rects) => rects.map((rect) => rect.getBoundingClientRect().left));
      expect(band.x).toBeGreaterThanOrEqual(bars[0]! - 1);
      expect(band.x).toBeLessThan(bars[1]!);
      expect(band.x + band.width).toBeGreaterThan(bars[2]!);
    });
  });

  describe('map', () => {
    test('shades every country of the meetings, joins the pairs that met, and opens a country from the map', async () => {
      await page.locator('#tab-map').click();
      await page.locator('.map-country.is-involved').first().waitFor();
      expect(await page.locator('#graph-view').isHidden()).toBe(true);
      const countries = JSON.parse(readFileSync(path.join(ROOT, 'data/countries.json'), 'utf8')) as { slug: string; name: string }[];
      const involved = new Set(meetings.flatMap((record) => record.countries));
      const labels = await page.locator('.map-country.is-involved').evaluateAll((paths) => paths.map((element) => element.getAttribute('aria-label')));
      expect(labels.map((label) => label!.replace(/: \d+ meetings?(; with .*)?$/, '')).sort()).toEqual([...involved].map((slug) => countries.find((country) => country.slug === slug)!.name).sort());
      const count = (slug: string) => meetings.filter((record) => record.countries.includes(slug)).length;
      expect(labels.find((label) => label!.startsWith('Kazakhstan:'))).toMatch(new RegExp(`^Kazakhstan: ${count('kazakhstan')} meetings; with .*United States \\d+`));
      // One arc per pair of countries that shared a meeting.
      const pairs = new Set(meetings.flatMap((record) => record.countries.flatMap((a) => record.countries.filter((b) => a < b).map((b) => `${a}|${b}`))));
      expect(await page.locator('.map-link').count()).toBe(pairs.size);
      await page.locator('.map-country.is-involved[aria-label^="Kazakhstan:"]').click();
      await details().locator('.d-title', { hasText: 'Kazakhstan' }).waitFor();
      expect(await page.locator('.map-country.is-selected').getAttribute('aria-label')).toMatch(/^Kazakhstan:/);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'explorer-map.png') });
      // The arrow keys switch back to the graph, which is drawn as before.
      await page.locator('#tab-map').focus();
      await page.keyboard.press('ArrowLeft');
      expect(await page.locator('#tab-graph').getAttribute('aria-selected')).toBe('true');
      await page.locator('.graph-svg .node').first().waitFor();
      expect(await page.locator('#map-view').isHidden()).toBe(true);
    });
  });

  describe('a narrow window (800 px)', () => {
    test('names every month the timeline marks, shows dates without running into the bars, and draws the graph at a readable size with its legend below', async () => {
      const narrow = await browser.newContext({ viewport: { width: 800, height: 800 } });
      const small = await narrow.newPage();
      try {
        await small.goto(`${api.url}/`);
        await small.locator('.graph-svg .node').first().waitFor();
        await small.locator('.tl-row').first().waitFor();
        const ticks = await small.locator('.tl-gridline').evaluateAll((lines) => lines.map((line) => line.getAttribute('data-tick')));
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(await small.locator('.tl-tick').allTextContents()).toEqual(ticks);
        // Each date label ends before the chart begins.
        const overlap = await small.locator('.tl-body').evaluate((body) => {
          const chartLeft = Math.min(...[...body.querySelectorAll('.tl-bar')].map((bar) => bar.getBoundingClientRect().left));
          return [...body.querySelectorAll('.tl-date')].filter((date) => date.getBoundingClientRect().right > chartLeft + 1).length;
        });
        expect(overlap).toBe(0);
        const { fontSize } = await small.locator('.graph-svg').evaluate((svg) => {
          const [, , width, height] = svg.getAttribute('viewBox')!.split(' ').map(Number);
          return { fontSize: 12 * Math.min(svg.clientWidth / width!, svg.clientHeight / height!) };
        });
        expect(fontSize).toBeGreaterThanOrEqual(10);
        const graph = (await small.locator('#graph').boundingBox())!;
        const legend = (await small.locator('#graph-legend').boundingBox())!;
        expect(legend.y).toBeGreaterThanOrEqual(graph.y + graph.height - 1);
        await small.screenshot({ path: path.join(SCREENSHOTS, 'explorer-800.png'), fullPage: true });
      } finally {
        await narrow.close();
      }
    });
  });

  describe('search', () => {
    test('finds "nuland", lists the hits by type, and opens the one chosen', async () => {
      await page.locator('#search').fill('nuland');
      await page.locator('#search-results .sr-group').first().waitFor();
      const groups = await page.locator('#search-results .sr-group').evaluateAll((elements) =>
        elements.map((element) => [element.querySelector('h3')!.textContent, [...element.querySelectorAll('.sr-hit')].map((hit) => hit.textContent)]),
      );
      expect(groups).toEqual([
        ['People', ['Victoria Nuland']],
        ['Meetings', ['Kairat Umarov meets Victoria Nuland']],
      ]);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'explorer-search.png') });
      await page.locator('#search-results .sr-hit', { hasText: 'Victoria Nuland' }).first().click();
      await details().locator('.d-title', { hasText: /^Victoria Nuland$/ }).waitFor();
      expect(await page.locator('#search-results').isHidden()).toBe(true);
      expect(await details().locator('section[aria-label="Meetings"] .d-meetings .ref').allTextContents()).toEqual(['Kairat Umarov meets Victoria Nuland']);
    });

    test('says so when nothing matches', async () => {
      await page.locator('#search').fill('zzzzqqq');
      await page.locator('#search-results .sr-empty', { hasText: 'Nothing matches “zzzzqqq”.' }).waitFor();
      await page.keyboard.press('Escape');
      expect(await page.locator('#search-results').isHidden()).toBe(true);
    });
  });

  describe('paging', () => {
    test('asks for 50 meetings at a time, ordered by date', () => {
      const first = log.graphqlPosts.find((post) => post.operationName === 'ExplorerMeetings');
      expect(first?.variables).toEqual({ first: 50, after: null, orderBy: { field: 'DATE', direction: 'ASC' } });
    });

    test('loads further pages after the last cursor, adding them to the timeline', async () => {
      const paged = await openPage(`${api.url}/?pageSize=3`);
      const status = () => paged.locator('#status').textContent();
      expect(await status()).toBe('3 of 8 meetings loaded');
      expect(await paged.locator('.tl-row').count()).toBe(3);
      await paged.locator('#load-more').click();
      await paged.locator('#status', { hasText: '6 of 8' }).waitFor();
      await paged.locator('#load-more').click();
      await paged.locator('#status', { hasText: '8 of 8' }).waitFor();
      expect(await paged.locator('#load-more').isHidden()).toBe(true);
      expect(await paged.locator('.tl-row').count()).toBe(8);
      // The graph shows the page just loaded; the others stay a choice away.
      expect(await paged.locator('#graph-page option').allTextContents()).toEqual(['Meetings 1–3', 'Meetings 4–6', 'Meetings 7–8']);
      const requests = log.graphqlPosts.filter((post) => post.operationName === 'ExplorerMeetings' && post.variables?.first === 3);
      expect(requests).toHaveLength(3);
      expect(requests[0]!.variables!.after).toBeNull();
      expect(requests[1]!.variables!.after).toEqual(expect.any(String));
      expect(requests[2]!.variables!.after).not.toBe(requests[1]!.variables!.after);
      await paged.screenshot({ path: path.join(SCREENSHOTS, 'explorer-paged.png') });
      await paged.close();
    });
  });

  describe('filter bar', () => {
    /** Kazakhstan and Kyrgyzstan: together only at the C5+1 ministerial; Kazakhstan is in every meeting. */
    const BOTH = { countriesAll: ['KZ', 'KG'] };
    const EITHER = { countries: ['KZ', 'KG'] };
    let filtered: Page;

    interface ApiMeeting {
      id: string;
      slug: string;
      countries: { name: string }[];
    }
    /** What the API says `filter` matches: the meetings, and meetingStats' total. */
    async function matching(filter: Record<string, unknown>): Promise<{ meetings: ApiMeeting[]; total: number }> {
      const data = await api.data<{ meetings: { totalCount: number; nodes: ApiMeeting[] }; meetingStats: { total: number } }>(
        `query ($filter: MeetingFilter) {
          meetings(filter: $filter, first: 100) { totalCount nodes { id slug countries { name } } }
          meetingStats(filter: $filter, groupBy: [MONTH]) { total }
        }`,
        { filter },
      );
      expect(data.meetings.nodes).toHaveLength(data.meetings.totalCount);
      return { meetings: data.meetings.nodes, total: data.meetingStats.total };
    }
    const rowIds = (on: Page) => on.locator('.tl-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')!).sort());
    const status = (on: Page) => on.locator('#status').textContent();
    /** The chart's meetings: those counted in its months and those with an open bound. */
    async function chartTotal(on: Page): Promise<number> {
      await on.locator('.counts-svg rect').first().waitFor();
      const label = (await on.locator('.counts-svg').getAttribute('aria-label'))!;
      const [, counted, open] = /: (\d+) counted(?:, (\d+) with an open date bound not counted)?$/.exec(label) ?? [];
      return Number(counted) + Number(open ?? 0);
    }
    const filterInUrl = (on: Page) => {
      const json = new URL(on.url()).searchParams.get('filter');
      return json === null ? null : (JSON.parse(json) as unknown);
    };
    async function applyCountries(on: Page, countries: string, match: 'any' | 'all'): Promise<void> {
      await on.locator('#filter-countries').fill(countries);
      await on.locator('#filter-country-match').selectOption(match);
      // Enter in a field applies the form, as the Apply button does.
      await on.locator('#filter-countries').press('Enter');
    }

    beforeAll(async () => {
      filtered = await openPage(`${api.url}/#/country/kazakhstan`);
      await filtered.locator('#details .d-title', { hasText: 'Kazakhstan' }).waitFor();
    }, 30_000);

    afterAll(async () => {
      await filtered?.close();
    });

    test('labels every field, and offers each meeting kind by name', async () => {
      for (const id of ['filter-countries', 'filter-country-match', 'filter-topics', 'filter-kind', 'filter-from', 'filter-to', 'filter-text']) {
        expect(await filtered.locator(`label[for="${id}"]`).count()).toBe(1);
      }
      const kinds = await filtered.locator('#filter-kind option').allTextContents();
      expect(kinds).toEqual(expect.arrayContaining(['Any kind', 'Bilateral meeting', 'Ministerial', 'Phone call']));
      expect(await filtered.locator('#export-links').textContent()).toMatch(/^Export all meetings: plover \(jsonl\) · meetings \(csv\)/);
    });

    test('"all of" two countries: the timeline, the counts chart and the map show exactly the meetings the API matches, and the URL holds the filter', async () => {
      const expected = await matching(BOTH);
      expect(expected.meetings.length).toBeGreaterThan(0);
      expect(expected.meetings.length).toBeLessThan(meetings.length);
      await applyCountries(filtered, 'KZ, KG', 'all');
      const n = expected.meetings.length;
      await filtered.locator('#status', { hasText: `${n} of ${n} meeting${n === 1 ? '' : 's'} matching the filter loaded` }).waitFor();
      expect(await rowIds(filtered)).toEqual(expected.meetings.map((record) => record.id).sort());
      expect(filterInUrl(filtered)).toEqual(BOTH);
      expect(new URL(filtered.url()).hash).toBe('#/country/kazakhstan');
      await filtered.locator(`.counts-svg[aria-label$=": ${expected.total} counted"]`).waitFor();
      expect(await chartTotal(filtered)).toBe(expected.total);
      const stats = log.graphqlPosts.filter((post) => post.operationName === 'MeetingStats' && JSON.stringify(post.variables?.filter) === JSON.stringify(BOTH));
      expect(stats.map((post) => post.variables!.dateCounting).sort()).toEqual(['CERTAIN', 'SPLIT']);
      // The country open before the filter is still selected in the graph.
      expect(await filtered.locator('.graph-svg .node.is-selected').getAttribute('aria-label')).toBe('Kazakhstan, country');

      await filtered.locator('#tab-map').click();
      await filtered.locator('.map-country.is-involved').first().waitFor();
      expect(await filtered.locator('#graph-caption').textContent()).toMatch(new RegExp(`^${n} meetings?: ${new Set(expected.meetings.flatMap((record) => record.countries.map((country) => country.name))).size} countries, `));
      const labels = await filtered.locator('.map-country.is-involved').evaluateAll((paths) => paths.map((element) => element.getAttribute('aria-label')!));
      const names = new Set(expected.meetings.flatMap((record) => record.countries.map((country) => country.name)));
      expect(labels.map((label) => label.replace(/: \d+ meetings?(; with .*)?$/, '')).sort()).toEqual([...names].sort());
      // Each country counts only the meetings the filter matches.
      for (const name of names) {
        const count = expected.meetings.filter((record) => record.countries.some((country) => country.name === name)).length;
        expect(labels.find((label) => label.startsWith(`${name}:`))).toMatch(new RegExp(`^${name}: ${count} meetings?(;|$)`));
      }
      expect(await filtered.locator('.map-country.is-selected').getAttribute('aria-label')).toMatch(/^Kazakhstan:/);
      await filtered.mouse.move(0, 0);
      await filtered.screenshot({ path: path.join(SCREENSHOTS, 'explorer-filter-map.png') });
      await filtered.locator('#tab-graph').click();
      await filtered.locator('.graph-svg .node').first().waitFor();
      await filtered.screenshot({ path: path.join(SCREENSHOTS, 'explorer-filter.png') });
      await filtered.screenshot({ path: '/tmp/explorer-filter.png' });

      // A reload keeps the filter: the form shows it and the same meetings are loaded.
      await filtered.reload();
      await filtered.locator('#status', { hasText: 'matching the filter loaded' }).waitFor();
      expect(await filtered.locator('#filter-countries').inputValue()).toBe('KZ, KG');
      expect(await filtered.locator('#filter-country-match').inputValue()).toBe('all');
      expect(await rowIds(filtered)).toEqual(expected.meetings.map((record) => record.id).sort());
      expect(filterInUrl(filtered)).toEqual(BOTH);
      const reloaded = log.graphqlPosts.filter((post) => post.operationName === 'ExplorerMeetings' && JSON.stringify(post.variables?.filter) === JSON.stringify(BOTH));
      expect(reloaded).toHaveLength(2);
    });

    test('the export links carry the filter, and the CSV holds exactly the filtered meetings', async () => {
      const expected = await matching(BOTH);
      const href = (await filtered.locator('#export-links a[data-format="meetings"]').getAttribute('href'))!;
      expect(await filtered.locator('#export-links').textContent()).toMatch(/^Export these meetings: /);
      const url = new URL(href, api.url);
      expect(url.pathname).toBe('/export/meetings');
      expect(JSON.parse(url.searchParams.get('filter')!)).toEqual(BOTH);
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      const rows = parse(await response.text(), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
      expect(rows.map((row) => row.slug).sort()).toEqual(expected.meetings.map((record) => record.slug).sort());
      // Every format the server lists has its link.
      const { formats } = (await (await fetch(`${api.url}/export`)).json()) as { formats: { name: string }[] };
      expect(await filtered.locator('#export-links a').evaluateAll((links) => links.map((link) => link.getAttribute('data-format')))).toEqual(formats.map((format) => format.name));
    });

    test('"any of" the same countries matches at least as many, and Clear shows every meeting again', async () => {
      const both = await matching(BOTH);
      const either = await matching(EITHER);
      await applyCountries(filtered, 'KZ, KG', 'any');
      await filtered.locator('#status', { hasText: `${either.meetings.length} of ${either.meetings.length} meetings matching the filter loaded` }).waitFor();
      expect(either.meetings.length).toBeGreaterThanOrEqual(both.meetings.length);
      expect(await rowIds(filtered)).toEqual(either.meetings.map((record) => record.id).sort());
      expect(filterInUrl(filtered)).toEqual(EITHER);

      await filtered.locator('#filter-clear').click();
      await filtered.locator('#status', { hasText: `${meetings.length} of ${meetings.length} meetings loaded` }).waitFor();
      expect(await filtered.locator('#filter-countries').inputValue()).toBe('');
      expect(await filtered.locator('.tl-row').count()).toBe(meetings.length);
      expect(filterInUrl(filtered)).toBeNull();
      await filtered.locator(`.counts-svg[aria-label$=": ${meetings.length} counted"]`).waitFor();
      expect(await filtered.locator('#export-links').textContent()).toMatch(/^Export all meetings: /);
      expect(await filtered.locator('#export-links a[data-format="meetings"]').getAttribute('href')).toBe('/export/meetings');
      // Back goes to the filter before.
      await filtered.goBack();
      await filtered.locator('#status', { hasText: 'matching the filter loaded' }).waitFor();
      expect(await filtered.locator('#filter-country-match').inputValue()).toBe('any');
      expect(await rowIds(filtered)).toEqual(either.meetings.map((record) => record.id).sort());
    });

    test('a kind, topics, dates and words narrow the meetings as the API does', async () => {
      const filter = { topics: ['energy'], kinds: ['BILATERAL_MEETING'], from: '2023-02-01', to: '2023-03-31', text: 'Blinken' };
      const expected = await matching(filter);
      expect(expected.meetings.length).toBeGreaterThan(0);
      await filtered.locator('#filter-countries').fill('');
      await filtered.locator('#filter-topics').fill('energy');
      await filtered.locator('#filter-kind').selectOption('BILATERAL_MEETING');
      await filtered.locator('#filter-from').fill('2023-02-01');
      await filtered.locator('#filter-to').fill('2023-03-31');
      await filtered.locator('#filter-text').fill('Blinken');
      await filtered.locator('#filter-form button[type="submit"]').click();
      await filtered.waitForURL((url) => url.searchParams.get('filter') === JSON.stringify(filter));
      await filtered.locator('#status', { hasText: 'matching the filter' }).waitFor();
      expect(filterInUrl(filtered)).toEqual(filter);
      expect(await rowIds(filtered)).toEqual(expected.meetings.map((record) => record.id).sort());
    });

    test('a bad filter says what is wrong, with its code, and the page keeps what it showed and keeps working', async () => {
      const before = await rowIds(filtered);
      const url = filtered.url();
      await filtered.locator('#filter-from').fill('2023-05-01');
      await filtered.locator('#filter-to').fill('2023-01-01');
      await filtered.locator('#filter-from').press('Enter');
      await filtered.locator('#status.is-error').waitFor();
      expect(await status(filtered)).toMatch(/^The filter was not applied \(BAD_USER_INPUT\): "from" \(2023-05-01\) must not be after "to" \(2023-01-01\)\. \d+ of \d+ meetings? matching the filter loaded$/);
      expect(await rowIds(filtered)).toEqual(before);
      expect(filtered.url()).toBe(url);
      // A good filter after it applies, and the error goes.
      await applyCountries(filtered, 'KZ, KG', 'all');
      await filtered.locator('#filter-from').fill('');
      await filtered.locator('#filter-to').fill('');
      await filtered.locator('#filter-topics').fill('');
      await filtered.locator('#filter-kind').selectOption('');
      await filtered.locator('#filter-text').fill('');
      await filtered.locator('#filter-form button[type="submit"]').click();
      await filtered.locator('#status:not(.is-error)', { hasText: 'matching the filter loaded' }).waitFor();
      expect(filterInUrl(filtered)).toEqual(BOTH);
    });

    test('a filter in the address that is not JSON, or that the API refuses, is said to be ignored, and every meeting shown', async () => {
      for (const [filter, message] of [
        ['{countries', /^The filter in the address was ignored: it is not JSON\. 3 of 8 meetings loaded$/],
        [JSON.stringify({ from: '2023-05-01', to: '2023-01-01' }), /^The filter in the address was not applied \(BAD_USER_INPUT\): "from" .* must not be after "to" .*\. 3 of 8 meetings loaded$/],
        [JSON.stringify({ kinds: ['PICNIC'] }), /^The filter in the address was not applied \(BAD_USER_INPUT\): .*PICNIC.* 3 of 8 meetings loaded$/],
      ] as const) {
        const bad = await context.newPage();
        bad.on('pageerror', (error) => log.pageErrors.push(error.message));
        await bad.goto(`${api.url}/?pageSize=3&filter=${encodeURIComponent(filter)}`);
        await bad.locator('#status.is-error', { hasText: 'meetings loaded' }).waitFor();
        expect(await status(bad)).toMatch(message);
        expect(await bad.locator('.tl-row').count()).toBe(3);
        // The address no longer names the filter shown none of; its other parameters stay.
        expect(new URL(bad.url()).searchParams.get('filter')).toBeNull();
        expect(new URL(bad.url()).searchParams.get('pageSize')).toBe('3');
        await bad.close();
      }
    });

    test('a narrow window (800 px) wraps the filter bar and keeps every field usable', async () => {
      const narrow = await browser.newContext({ viewport: { width: 800, height: 800 } });
      const small = await narrow.newPage();
      try {
        await small.goto(`${api.url}/?filter=${encodeURIComponent(JSON.stringify(BOTH))}`);
        await small.locator('#status', { hasText: 'matching the filter loaded' }).waitFor();
        const boxes = await small.locator('#filter-form input, #filter-form select, #filter-form button').evaluateAll((elements) =>
          elements.map((element) => element.getBoundingClientRect()).map((box) => ({ left: box.left, right: box.right, width: box.width })),
        );
        for (const box of boxes) {
          expect(box.left).toBeGreaterThanOrEqual(0);
          expect(box.right).toBeLessThanOrEqual(800);
          expect(box.width).toBeGreaterThan(20);
        }
        await small.screenshot({ path: path.join(SCREENSHOTS, 'explorer-filter-800.png') });
      } finally {
        await narrow.close();
      }
    });
  });

  test('loaded everything from the server itself, with no failed request, page error or console error', () => {
    expect(log).toEqual(expect.objectContaining({ offHost: [], failed: [], pageErrors: [], consoleErrors: [] }));
  });
});
