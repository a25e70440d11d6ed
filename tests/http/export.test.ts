/**
 * The exports over HTTP (`GET /export`, `GET /export/<format>`), on both stores: each
 * format of the article's data holds every meeting once, with its quotes verbatim; the
 * `filter` selects exactly what the API's `meetings(filter:)` selects; an unknown format is
 * 404 listing the formats and a bad filter 400 BAD_USER_INPUT. On a 2,000-meeting synthetic
 * corpus every format parses (PLOVER against the specification's fields), and a client that
 * goes away mid-stream costs the server nothing: it still answers, and the views those
 * exports pinned are released (PostgreSQL's test pool has 4 connections: a leaked view per
 * export would leave none for the next).
 */
import http from 'node:http';
import { rm } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { chronologicalKey } from '../../src/domain/fuzzy-date';
import { EXPORT_FORMATS } from '../../src/export/export-formats';
import { DYAD_COLUMNS } from '../../src/export/formats/dyads-csv';
import { MEETING_COLUMNS } from '../../src/export/formats/meetings-csv';
import { toGlobalId } from '../../src/schema/relay/global-id';
import type { Dataset, MeetingRecord } from '../../src/store/contract/records';
import { loadDataset } from '../../src/store/json/load-dataset';
import { ploverValidator } from '../export/validators';
import { runSynth, tempDir } from '../synth/run-synth';
import { DATA_DIR, startTestServer, type TestServer } from '../helpers/test-server';

let api: TestServer;
let data: Dataset;
beforeAll(async () => {
  api = await startTestServer();
  data = await loadDataset(DATA_DIR);
});
afterAll(async () => {
  await api?.stop();
});

/** GETs `path` of `server` and reads the whole body. */
async function get(server: TestServer, path: string): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function exportPath(format: string, filter?: unknown): string {
  return filter === undefined ? `/export/${format}` : `/export/${format}?filter=${encodeURIComponent(JSON.stringify(filter))}`;
}

function csvRecords(text: string): Record<string, string>[] {
  return parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

function ploverEvents(text: string): Record<string, any>[] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, any>);
}

const meetingBySlug = (slug: string): MeetingRecord => data.Meeting.find((meeting) => meeting.slug === slug)!;
const distinctQuotes = (meeting: MeetingRecord) => [...new Set(meeting.citations.map((citation) => citation.quote))];
const isoCode = (country: string) => data.Country.find((record) => record.slug === country)!.isoCode;

/** Every quote is verbatim text of the source it cites. */
function expectVerbatim(meeting: MeetingRecord): void {
  for (const citation of meeting.citations) expect(data.texts.get(citation.source)).toContain(citation.quote);
}

describe('the list of formats', () => {
  test('GET /export lists every format with its path, type and extension', async () => {
    const { status, text } = await get(api, '/export');
    expect(status).toBe(200);
    const { formats } = JSON.parse(text) as { formats: { name: string; path: string; contentType: string; extension: string }[] };
    expect(formats.map((format) => format.name)).toEqual(EXPORT_FORMATS.map((format) => format.name));
    expect(formats.find((format) => format.name === 'plover')).toMatchObject({ path: '/export/plover', contentType: 'application/jsonl; charset=utf-8', extension: 'jsonl' });
  });
});

describe('the HTTP route', () => {
  test('HEAD answers the headers of the download without running the export', async () => {
    const response = await fetch(`${api.url}/export/dyads`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="entente-dyads.csv"');
    expect(await response.text()).toBe('');
  });

  test('a browser on an origin of CORS_ORIGINS may read an export cross-origin; another may not', async () => {
    const corsServer = await startTestServer({ env: { CORS_ORIGINS: 'https://analyst.example' } });
    try {
      const allowed = await fetch(`${corsServer.url}/export/meetings`, { headers: { origin: 'https://analyst.example' } });
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://analyst.example');
      await allowed.text();
      const other = await fetch(`${corsServer.url}/export`, { headers: { origin: 'https://elsewhere.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      await other.text();
    } finally {
      await corsServer.stop();
    }
  });
});

describe('meetings (CSV)', () => {
  test('one row per meeting, every meeting once, with its fuzzy date, codes and verbatim quotes', async () => {
    const { status, headers, text } = await get(api, exportPath('meetings'));
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(headers.get('content-disposition')).toBe('attachment; filename="entente-meetings.csv"');
    expect(text.split('\r\n')[0]).toBe(MEETING_COLUMNS.join(','));
    const rows = csvRecords(text);
    expect(rows.map((row) => row.slug).sort()).toEqual(data.Meeting.map((meeting) => meeting.slug).sort());
    for (const row of rows) {
      const meeting = meetingBySlug(row.slug!);
      expect(row).toMatchObject({
        id: toGlobalId('Meeting', meeting.slug),
        title: meeting.title,
        kind: meeting.kind,
        date_label: meeting.date.label,
        date_earliest: meeting.date.earliest ?? '',
        date_latest: meeting.date.latest ?? '',
        date_precision: meeting.date.precision,
        countries: meeting.countries.map(isoCode).join(';'),
        cameo: meeting.coding.cameo,
        plover_category: meeting.coding.ploverCategory,
        plover_mode: meeting.coding.ploverMode ?? '',
        quotes: distinctQuotes(meeting).join(' | '),
        summary: meeting.summary,
      });
      expectVerbatim(meeting);
    }
    expect(rows.find((row) => row.slug === 'c5-plus-1-ministerial-astana-2023')).toMatchObject({
      location: 'Astana',
      participants: 'Antony Blinken;Foreign Minister (Kazakhstan);Foreign Minister (Kyrgyzstan);Foreign Minister (Tajikistan);Foreign Minister (Turkmenistan);Foreign Minister (Uzbekistan)',
    });
  });

  test('the file is also found by its download name, meetings.csv', async () => {
    const byName = await get(api, exportPath('meetings'));
    const byFile = await get(api, '/export/meetings.csv');
    expect(byFile.text).toBe(byName.text);
  });
});

describe('dyads (CSV)', () => {
  test('one row per unordered pair of a meeting\'s people, or of its countries when it names fewer than two people', async () => {
    const { status, headers, text } = await get(api, exportPath('dyads'));
    expect(status).toBe(200);
    expect(headers.get('content-disposition')).toBe('attachment; filename="entente-dyads.csv"');
    expect(text.split('\r\n')[0]).toBe(DYAD_COLUMNS.join(','));
    const rows = csvRecords(text);
    const pairs = (n: number) => (n * (n - 1)) / 2;
    for (const meeting of data.Meeting) {
      const people = new Set(meeting.participants.flatMap((participant) => participant.person ?? []));
      const mine = rows.filter((row) => row.meeting_slug === meeting.slug);
      expect(mine).toHaveLength(people.size >= 2 ? pairs(people.size) : pairs(new Set(meeting.countries).size));
      for (const row of mine) {
        expect(row.level).toBe(people.size >= 2 ? 'PERSON' : 'COUNTRY');
        expect(row.a_slug! < row.b_slug!).toBe(true);
        expect(row.quotes).toBe(distinctQuotes(meeting).join(' | '));
      }
    }
    expect(rows.filter((row) => row.meeting_slug === 'c5-plus-1-ministerial-astana-2023')).toHaveLength(15);
    expect(rows.find((row) => row.meeting_slug === 'antony-blinken-kassym-jomart-tokayev-meeting-2023')).toMatchObject({
      level: 'PERSON',
      a_slug: 'antony-blinken',
      a_country: 'US',
      a_role: 'VISITOR',
      b_slug: 'kassym-jomart-tokayev',
      b_country: 'KZ',
      b_role: 'HOST',
    });
  });
});

describe('plover (JSON lines)', () => {
  test('one PLOVER event per meeting, valid against the specification\'s fields, with the verbatim quotes', async () => {
    const { status, headers, text } = await get(api, exportPath('plover'));
    expect(status).toBe(200);
    expect(headers.get('content-disposition')).toBe('attachment; filename="entente-plover.jsonl"');
    const events = ploverEvents(text);
    const invalid = ploverValidator();
    for (const event of events) {
      const errors = invalid(event);
      if (errors !== null) throw new Error(`${event.entente_slug}: ${errors}`);
    }
    expect(events.map((event) => event.entente_slug).sort()).toEqual(data.Meeting.map((meeting) => meeting.slug).sort());
    for (const event of events) {
      const meeting = meetingBySlug(event.entente_slug);
      expect(event.id).toBe(toGlobalId('Meeting', meeting.slug));
      expect(event.event).toEqual([meeting.coding.ploverCategory]);
      expect(event.event_text).toEqual(distinctQuotes(meeting));
      expect(event.entente_citations.map((citation: { quote: string }) => citation.quote)).toEqual(meeting.citations.map((citation) => citation.quote));
      expect(event.entente_date).toEqual(meeting.date);
      expectVerbatim(meeting);
    }
  });

  test('a visit has the visitors as actor and the hosts as recipient; a meeting without both, everyone as actor', async () => {
    const events = ploverEvents((await get(api, exportPath('plover'))).text);
    const bilateral = events.find((event) => event.entente_slug === 'antony-blinken-kassym-jomart-tokayev-meeting-2023')!;
    expect(bilateral.actor).toEqual([expect.objectContaining({ code: 'USA', entity_text: 'Antony Blinken', identifier_id: toGlobalId('Person', 'antony-blinken'), entente_role: 'VISITOR' })]);
    expect(bilateral.recipient).toEqual([expect.objectContaining({ code: 'KAZ', entity_text: 'Kassym-Jomart Tokayev', entente_role: 'HOST' })]);
    expect(bilateral.link).toBe(toGlobalId('Meeting', 'antony-blinken-visit-to-kazakhstan-2023'));
    const ministerial = events.find((event) => event.entente_slug === 'c5-plus-1-ministerial-astana-2023')!;
    expect(ministerial.actor.map((actor: { code: string }) => actor.code)).toEqual(['USA', 'KAZ', 'KGZ', 'TJK', 'TKM', 'UZB']);
    expect(ministerial.recipient).toEqual([]);
    // The place's GeoNames id and coordinates, as data/places.json holds them (from the GeoNames reference dataset).
    expect(ministerial.event_loc).toEqual({ resolved_place: 'Astana', geonameid: 1526273, lat: 51.1801, lon: 71.44598, city: 'Astana', country: 'Kazakhstan', country_code: 'KAZ' });
    expect(ministerial.quad_code).toBe(1);
  });
});

describe('the filter', () => {
  const MEETINGS = 'query ExportFilter($filter: MeetingFilter) { meetings(first: 100, filter: $filter) { nodes { slug } } }';

  test.each([
    [{ countriesAll: ['KZ', 'US'] }],
    [{ countriesAll: ['KZ', 'KG'] }],
    [{ from: '2023-03-01' }],
    [{ from: '2023-02-01', to: '2023-02-28', dateMatch: 'WITHIN' }],
    [{ participants: ['kairat-umarov'], kinds: ['BILATERAL_MEETING'] }],
    [{ topics: ['energy'], text: 'umarov' }],
    [{ countries: ['atlantis'] }],
  ])('%j selects in every format what the API\'s meetings(filter:) selects', async (filter) => {
    const { meetings } = await api.data<{ meetings: { nodes: { slug: string }[] } }>(MEETINGS, { filter });
    const expected = meetings.nodes.map((node) => node.slug).sort();
    const csv = csvRecords((await get(api, exportPath('meetings', filter))).text);
    expect(csv.map((row) => row.slug).sort()).toEqual(expected);
    const plover = (await get(api, exportPath('plover', filter))).text;
    expect(plover === '' ? [] : ploverEvents(plover).map((event) => event.entente_slug).sort()).toEqual(expected);
    const dyads = csvRecords((await get(api, exportPath('dyads', filter))).text);
    expect([...new Set(dyads.map((row) => row.meeting_slug))].every((slug) => expected.includes(slug!))).toBe(true);
  });

  test('both countries: the C5+1 only, of the meetings with Kazakhstan and Kyrgyzstan', async () => {
    const rows = csvRecords((await get(api, exportPath('meetings', { countriesAll: ['KZ', 'KG'] }))).text);
    expect(rows.map((row) => row.slug)).toEqual(['c5-plus-1-ministerial-astana-2023']);
  });

  test('a date window: the meetings that may have taken place from March 2023 on', async () => {
    const rows = csvRecords((await get(api, exportPath('meetings', { from: '2023-03-01' }))).text);
    expect(rows.map((row) => row.slug).sort()).toEqual(data.Meeting.filter((meeting) => meeting.date.latest! >= '2023-03-01').map((meeting) => meeting.slug).sort());
    expect(rows.length).toBeGreaterThan(0);
  });

  test('an empty filter, {} or null is no filter', async () => {
    const all = (await get(api, exportPath('meetings'))).text;
    expect((await get(api, '/export/meetings?filter=')).text).toBe(all);
    expect((await get(api, exportPath('meetings', {}))).text).toBe(all);
    expect((await get(api, exportPath('meetings', null))).text).toBe(all);
  });
});

describe('errors', () => {
  test('an unknown format is 404 NOT_FOUND naming the formats', async () => {
    const { status, text } = await get(api, '/export/pdf');
    expect(status).toBe(404);
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: 'No export format "pdf". The formats are plover, meetings, dyads, popolo, ftm (GET /export lists them).', extensions: { code: 'NOT_FOUND', formats: ['plover', 'meetings', 'dyads', 'popolo', 'ftm'] } }],
    });
  });

  test.each([
    ['not JSON', '/export/plover?filter=%7Bcountries', /"filter" must be a MeetingFilter as JSON, e\.g\. .*; it is not JSON/],
    ['not an object', `/export/plover?filter=${encodeURIComponent('["KZ"]')}`, /"filter" must be a MeetingFilter as a JSON object/],
    ['an unknown field', exportPath('plover', { country: ['KZ'] }), /filter: Field "country" is not defined by type "MeetingFilter"\./],
    ['an impossible date', exportPath('meetings', { from: '2023-02-30' }), /filter\.from: Date must be a real calendar day/],
    ['an unknown kind', exportPath('dyads', { kinds: ['PICNIC'] }), /filter\.kinds\.0: Value "PICNIC" does not exist in "MeetingKind" enum/],
    ['a malformed country', exportPath('plover', { countriesAll: ['K!'] }), /"filter\.countriesAll": expected a Country id, slug or ISO 3166-1 alpha-2 code/],
    ['an inverted window', exportPath('plover', { from: '2023-05-01', to: '2023-04-01' }), /"from" \(2023-05-01\) must not be after "to" \(2023-04-01\)/],
    ['a filter given twice', '/export/plover?filter=%7B%7D&filter=%7B%7D', /"filter" must be given once/],
  ])('a bad filter (%s) is 400 BAD_USER_INPUT, before any export', async (_case, requestPath, message) => {
    const { status, headers, text } = await get(api, requestPath);
    expect(status).toBe(400);
    expect(headers.get('content-disposition')).toBeNull();
    const body = JSON.parse(text) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]!.message).toMatch(message);
  });
});

/** `exports_total` of `server`'s /metrics, summed over formats, by outcome. */
async function exportOutcomes(server: TestServer): Promise<Record<'complete' | 'aborted' | 'failed', number>> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const outcomes = { complete: 0, aborted: 0, failed: 0 };
  for (const [, outcome, value] of text.matchAll(/^exports_total\{format="\w+",outcome="(\w+)"\} (\d+)$/gm)) outcomes[outcome as keyof typeof outcomes] += Number(value);
  return outcomes;
}

describe('a 2,000-meeting synthetic corpus', () => {
  let synth: string;
  let large: TestServer;
  beforeAll(async () => {
    synth = await tempDir();
    const run = await runSynth(['--meetings', '2000', '--out', synth]);
    expect(run.code).toBe(0);
    large = await startTestServer({ dataDir: synth });
  }, 60_000);
  afterAll(async () => {
    await large?.stop();
    await rm(synth, { recursive: true, force: true });
  });

  /** Reads the first chunk of an export, then closes the connection; resolves to the status. */
  function readFirstChunkThenLeave(requestPath: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const request = http.get(`${large.url}${requestPath}`, (response) => {
        response.once('data', () => {
          request.destroy();
          resolve(response.statusCode!);
        });
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (!request.destroyed) reject(error);
      });
    });
  }

  test('every format of the synthetic corpus parses, each meeting once; every PLOVER event with a known day is valid', async () => {
    const events = ploverEvents((await get(large, exportPath('plover'))).text);
    expect(new Set(events.map((event) => event.entente_slug)).size).toBe(2000);
    const invalid = ploverValidator();
    for (const event of events) {
      if (event.entente_date.precision === 'UNKNOWN') {
        // No day to give: `date` is null, which PLOVER does not allow (docs/exports.md).
        expect(event).toMatchObject({ date: null, enddate: null });
        continue;
      }
      const errors = invalid(event);
      if (errors !== null) throw new Error(`${event.entente_slug}: ${errors}`);
    }
    const meetings = csvRecords((await get(large, exportPath('meetings'))).text);
    expect(new Set(meetings.map((row) => row.slug)).size).toBe(2000);
    expect(meetings).toHaveLength(2000);
    const dyads = csvRecords((await get(large, exportPath('dyads'))).text);
    expect(dyads.length).toBeGreaterThan(0);
    expect(dyads.every((row) => row.a_slug! < row.b_slug! && (row.level === 'PERSON' || row.level === 'COUNTRY'))).toBe(true);
  }, 60_000);

  test('a client that goes away mid-stream costs nothing: the server answers on, and a full export afterwards holds every meeting', async () => {
    const before = await exportOutcomes(large);
    for (const format of ['plover', 'meetings', 'dyads', 'popolo', 'ftm', 'plover']) expect(await readFirstChunkThenLeave(exportPath(format))).toBe(200);
    const health = await get(large, '/health');
    expect(health.status).toBe(200);
    const events = ploverEvents((await get(large, exportPath('plover'))).text);
    expect(events).toHaveLength(2000);
    // Each export counted once, by how it ended: aborted, or complete when the socket's buffers took all of it first.
    const after = await exportOutcomes(large);
    expect(after.failed - before.failed).toBe(0);
    expect(after.aborted - before.aborted + (after.complete - before.complete)).toBe(7);
    expect(new Set(events.map((event) => event.id)).size).toBe(2000);
    // In the export's order: by date (the earliest possible day, then the latest), then slug.
    const keys = events.map((event) => [...chronologicalKey(event.entente_date), event.entente_slug].join('\u0000'));
    expect(keys).toEqual([...keys].sort());
  }, 60_000);
});
