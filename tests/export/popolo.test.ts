/**
 * The Popolo export of the article's data: every object validates against the Popolo
 * project's own JSON Schemas (draft-03, vendored in tests/fixtures/popolo-schemas, read with
 * jsonschema, which implements draft-03's `required: true`); each meeting is one event and
 * each person one person; tenures are memberships with their dates; quotes are verbatim;
 * and the document does not depend on the page size it was read in.
 */
import { popoloFormat, sourceUrn } from '../../src/export/formats/popolo';
import type { CitationRecord, RecordOf } from '../../src/store/contract/records';
import { JsonStore } from '../../src/store/json/json-store';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';
import { exportAll, openSyntheticStore, shippedRecords, shippedSourceTexts } from './article-export';
import { LIST_SCHEMAS, popoloValidator, type ListName, type PopoloDocument } from './validators';

let dir: string;
let store: JsonStore;
let document: PopoloDocument;
let text: string;
let meetings: RecordOf['Meeting'][];
let tenures: RecordOf['Tenure'][];

beforeAll(async () => {
  dir = await createTempDataDir();
  store = await JsonStore.open(dir);
  text = (await exportAll(store, popoloFormat, null)).text;
  document = JSON.parse(text) as PopoloDocument;
  meetings = await shippedRecords<RecordOf['Meeting']>('meetings.json');
  tenures = await shippedRecords<RecordOf['Tenure']>('tenures.json');
});
afterAll(async () => {
  await store.close();
  await removeTempDataDir(dir);
});

const ids = (objects: readonly { id: string }[]) => objects.map((object) => object.id);
const sorted = (values: Iterable<string>) => [...values].sort();

describe('validity', () => {
  test('is one JSON document with the events first, then persons, organizations, posts, memberships and areas', () => {
    expect(Object.keys(document)).toEqual(['events', 'persons', 'organizations', 'posts', 'memberships', 'areas']);
    expect(text.startsWith('{"events":[')).toBe(true);
  });

  test('every object validates against the Popolo JSON Schema of its class', () => {
    const { validator, schemas } = popoloValidator();
    const problems: string[] = [];
    for (const [list, schemaName] of Object.entries(LIST_SCHEMAS)) {
      for (const object of document[list as ListName]) {
        const result = validator.validate(object, schemas.get(schemaName)!, { throwError: false });
        problems.push(...result.errors.map((error) => `${list} ${object.id}: ${error.stack}`));
      }
    }
    expect(problems).toEqual([]);
    expect(Object.values(document).map((list) => list.length > 0)).toEqual([true, true, true, true, true, true]);
  });

  test('the schemas reject what Popolo does not allow: a date in words, a source link without a URL', () => {
    const { validator, schemas } = popoloValidator();
    const event = structuredClone(document.events[0]);
    event.start_date = 'late February 2023';
    event.sources = [{ note: 'a quote without its URL' }];
    const messages = validator.validate(event, schemas.get('event')!).errors.map((error) => error.property);
    expect(messages.sort()).toEqual(['instance.sources[0].url', 'instance.start_date']);
  });

  test('every reference names an object of the document', () => {
    const persons = new Set(ids(document.persons));
    const organizations = new Set(ids(document.organizations));
    const posts = new Set(ids(document.posts));
    const areas = new Set(ids(document.areas));
    const dangling: string[] = [];
    const check = (kind: Set<string>, id: string | undefined, where: string) => {
      if (id !== undefined && !kind.has(id)) dangling.push(`${where} -> ${id}`);
    };
    for (const event of document.events) {
      for (const attendee of event.attendees ?? []) check(persons, attendee.id, `event ${event.id} attendee`);
      check(organizations, event.organization_id, `event ${event.id}`);
      for (const participant of event.extra.participants) {
        check(persons, participant.person_id, `event ${event.id} participant`);
        check(posts, participant.post_id, `event ${event.id} participant`);
        check(organizations, participant.organization_id, `event ${event.id} participant`);
        check(areas, participant.area_id, `event ${event.id} participant`);
      }
      for (const area of event.extra.area_ids) check(areas, area, `event ${event.id}`);
      check(areas, event.extra.location_id, `event ${event.id} location`);
    }
    for (const membership of document.memberships) {
      check(persons, membership.person_id, `membership ${membership.id}`);
      check(posts, membership.post_id, `membership ${membership.id}`);
      check(organizations, membership.organization_id, `membership ${membership.id}`);
    }
    for (const post of document.posts) check(organizations, post.organization_id, `post ${post.id}`);
    for (const organization of document.organizations) {
      check(organizations, organization.parent_id, `organization ${organization.id}`);
      check(areas, organization.area_id, `organization ${organization.id}`);
    }
    expect(dangling).toEqual([]);
  });
});

describe('content', () => {
  test('each meeting is one event, in date order, with its fuzzy date as a reduced ISO date and exactly under extra', () => {
    expect(sorted(ids(document.events))).toEqual(sorted(meetings.map((m) => m.slug)));
    const c5 = document.events.find((e) => e.id === 'c5-plus-1-ministerial-astana-2023');
    expect(c5).toMatchObject({
      name: meetings.find((m) => m.slug === c5.id)!.title,
      classification: 'MINISTERIAL',
      start_date: '2023-02',
      end_date: '2023-02',
      location: 'Astana',
      organization_id: 'c5-plus-1',
      parent_id: 'antony-blinken-visit-to-kazakhstan-2023',
      attendees: [{ id: 'antony-blinken', name: 'Antony Blinken' }],
      extra: { date: { label: 'late February 2023', earliest: '2023-02-21', latest: '2023-02-28', precision: 'PART_OF_MONTH' }, location_id: 'place:astana' },
    });
    // The five foreign ministers the article does not name are participants (their offices), not attendees.
    expect(c5.extra.participants.filter((p: any) => p.person_id === undefined).map((p: any) => p.post_id)).toEqual([
      'kazakhstan-foreign-minister',
      'kyrgyzstan-foreign-minister',
      'tajikistan-foreign-minister',
      'turkmenistan-foreign-minister',
      'uzbekistan-foreign-minister',
    ]);
    const visit = document.events.find((e) => e.id === 'kairat-umarov-visit-to-the-united-states-2023');
    expect([visit.start_date, visit.end_date, visit.extra.date.label]).toEqual(['2023', '2023', 'between 21 February and 30 April 2023']);
  });

  test('each person who took part is one person', () => {
    const people = new Set(meetings.flatMap((m) => m.participants.flatMap((p) => (p.person === null ? [] : [p.person]))));
    expect(ids(document.persons)).toEqual(sorted(people));
  });

  test("each tenure of those people is a membership of the office's post, with the dates Popolo can hold and the exact ones under extra", () => {
    expect(sorted(ids(document.memberships))).toEqual(sorted(tenures.map((t) => t.slug)));
    const blinken = document.memberships.find((m) => m.id === 'antony-blinken-as-secretary-of-state');
    // "On or before late February 2023" gives no start day, month or year: no start_date, and the bound under extra.
    expect(blinken).toEqual({
      id: 'antony-blinken-as-secretary-of-state',
      person_id: 'antony-blinken',
      post_id: 'united-states-secretary-of-state',
      organization_id: 'state-department',
      role: 'Secretary of State',
      sources: [
        {
          url: sourceUrn('urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation'),
          note: 'US Secretary of State Antony Blinken',
          extra: { source_id: 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation' },
        },
      ],
      extra: { start: { label: 'on or before late February 2023', earliest: null, latest: '2023-02-28', precision: 'ON_OR_BEFORE' }, end: null },
    });
    expect(sorted(ids(document.posts))).toEqual(expect.arrayContaining(sorted(tenures.map((t) => t.office))));
  });

  test('countries and places are areas: countries with their ISO code, places within their country', () => {
    expect(document.areas.find((a) => a.id === 'kazakhstan')).toMatchObject({ name: 'Kazakhstan', identifier: 'KZ', classification: 'country' });
    expect(document.areas.find((a) => a.id === 'place:astana')).toMatchObject({ name: 'Astana', classification: 'city', parent_id: 'kazakhstan' });
  });

  test('a place and a country of the same slug are two areas of two ids (Georgia the country, Georgia the US state)', async () => {
    const collisionDir = await createTempDataDir();
    const written = await JsonStore.open(collisionDir);
    try {
      const state = { slug: 'georgia', name: 'Georgia', aliases: [], kind: 'REGION', country: 'united-states', coordinates: null, geonamesId: null, citations: [{ source: 'countries-list-3-4-1', quote: 'GE GEO Georgia' }] };
      const country = { slug: 'georgia', name: 'Georgia', aliases: [], isoCode: 'GE', isoCode3: 'GEO', names: [], capital: null, citations: [{ source: 'countries-list-3-4-1', quote: 'GE GEO Georgia capital Tbilisi' }] };
      const known = await written.getMany('Country', ['georgia']);
      await written.write([
        ...(known[0] ? [] : [{ operation: 'create' as const, type: 'Country' as const, record: country }]),
        { operation: 'create', type: 'Place', record: state },
        { operation: 'update', type: 'Meeting', slug: meetings[0]!.slug, patch: { location: 'georgia', countries: [...meetings[0]!.countries, 'georgia'] } },
      ]);
      const doc = JSON.parse((await exportAll(written, popoloFormat, null)).text) as PopoloDocument;
      const georgias = doc.areas.filter((area) => area.name === 'Georgia');
      expect(georgias.map((area) => area.id).sort()).toEqual(['georgia', 'place:georgia']);
      expect(new Set(ids(doc.areas)).size).toBe(doc.areas.length);
      expect(doc.events.find((event) => event.id === meetings[0]!.slug)!.extra).toMatchObject({ location_id: 'place:georgia', area_ids: expect.arrayContaining(['georgia']) });
    } finally {
      await written.close();
      await removeTempDataDir(collisionDir);
    }
  });

  test('every source note is a verbatim quote of the data, and of the source text where Entente holds it', async () => {
    const texts = await shippedSourceTexts();
    const cited = new Set<string>();
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(collect);
      if (value === null || typeof value !== 'object') return;
      const record = value as Record<string, unknown>;
      if (Array.isArray(record.citations)) for (const c of record.citations as CitationRecord[]) cited.add(`${c.source}\n${c.quote}`);
      Object.values(record).forEach(collect);
    };
    for (const file of ['meetings', 'people', 'offices', 'organizations', 'tenures', 'countries', 'places']) collect(await shippedRecords(`${file}.json`));

    const links: { source_id: string; note: string }[] = [];
    const gather = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(gather);
      if (value === null || typeof value !== 'object') return;
      const record = value as Record<string, unknown>;
      if (Array.isArray(record.sources)) for (const link of record.sources as any[]) links.push({ source_id: link.extra.source_id, note: link.note });
      Object.values(record).forEach(gather);
    };
    gather(document);
    expect(links.length).toBeGreaterThan(30);
    const notVerbatim = links.filter((l) => !cited.has(`${l.source_id}\n${l.note}`) || (texts.has(l.source_id) && !texts.get(l.source_id)!.includes(l.note)));
    expect(notVerbatim).toEqual([]);
  });
});

describe('streaming', () => {
  test('pages of 2 give the same document, written one chunk per page', async () => {
    const paged = await exportAll(store, popoloFormat, 2);
    expect(paged.text).toBe(text);
    // The opening, four pages of two meetings, and the closing with what they refer to.
    expect(paged.chunks).toHaveLength(6);
    expect(paged.chunks[1]!.startsWith('\n{"id":')).toBe(true);
  });
});

describe('a synthetic corpus', () => {
  test('of 1,000 meetings read in pages of 100 validates, with each meeting, person, tenure and reference once', async () => {
    const { store: synthetic, dir: syntheticDir } = await openSyntheticStore(1_000);
    try {
      const { text: exported, chunks } = await exportAll(synthetic, popoloFormat, 100);
      expect(chunks).toHaveLength(12);
      const doc = JSON.parse(exported) as PopoloDocument;
      const { validator, schemas } = popoloValidator();
      const invalid = Object.entries(LIST_SCHEMAS).flatMap(([list, schemaName]) =>
        doc[list as ListName].filter((object) => !validator.validate(object, schemas.get(schemaName)!).valid).map((object) => `${list} ${object.id}`),
      );
      expect(invalid).toEqual([]);
      const items = (await synthetic.findMany('Meeting', [{ order: { field: 'DATE', direction: 'ASC' }, first: null }]))[0]!.items;
      expect(ids(doc.events)).toEqual(items.map((item) => item.entity.slug));
      const people = new Set(items.flatMap((item) => item.entity.participants.flatMap((p) => (p.person === null ? [] : [p.person]))));
      expect(ids(doc.persons)).toEqual(sorted(people));
      for (const list of ['organizations', 'posts', 'memberships', 'areas'] as const) expect(new Set(ids(doc[list])).size).toBe(doc[list].length);
      const posts = new Set(ids(doc.posts));
      expect(doc.memberships.filter((m) => !posts.has(m.post_id))).toEqual([]);
    } finally {
      await synthetic.close();
      await removeTempDataDir(syntheticDir);
    }
  }, 60_000);
});
