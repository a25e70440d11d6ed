/**
 * The FollowTheMoney export of the article's data, checked with the FtM model's own
 * library (@opensanctions/followthemoney, its default model): every schema exists and is not
 * abstract, its required properties are set, every property exists on the schema, values
 * fit their type (countries and other code lists from the model, references to entities of a
 * schema in the property's range, lengths within the type's limit) and the library reads each
 * entity back unchanged. The JavaScript library has no validator of date or URL values: those
 * are checked here against the model's own definition of a date (an ISO 8601 prefix).
 */
import { ftmFormat, ftmId, type FtmEntity } from '../../src/export/formats/ftm';
import type { CitationRecord, RecordOf } from '../../src/store/contract/records';
import { JsonStore } from '../../src/store/json/json-store';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';
import { exportAll, openSyntheticStore, shippedRecords, shippedSourceTexts } from './article-export';
import { forwardReferences, ftmProblems, model } from './validators';

let dir: string;
let store: JsonStore;
let text: string;
let entities: FtmEntity[];
let meetings: RecordOf['Meeting'][];
let tenures: RecordOf['Tenure'][];

beforeAll(async () => {
  dir = await createTempDataDir();
  store = await JsonStore.open(dir);
  text = (await exportAll(store, ftmFormat, null)).text;
  entities = text.trimEnd().split('\n').map((line) => JSON.parse(line) as FtmEntity);
  meetings = await shippedRecords<RecordOf['Meeting']>('meetings.json');
  tenures = await shippedRecords<RecordOf['Tenure']>('tenures.json');
});
afterAll(async () => {
  await store.close();
  await removeTempDataDir(dir);
});

const withSchema = (schema: string) => entities.filter((e) => e.schema === schema);
const byId = (id: string) => entities.find((e) => e.id === id)!;

describe('validity', () => {
  test('is one entity per line, each valid in the default FtM model', () => {
    expect(text.endsWith('}\n')).toBe(true);
    expect(ftmProblems(entities)).toEqual([]);
    expect(new Set(entities.map((e) => e.schema))).toEqual(new Set(['Event', 'Person', 'Organization', 'PublicBody', 'Position', 'Occupancy']));
  });

  test('the check finds what FtM does not allow', () => {
    const broken: FtmEntity[] = [
      { id: 'a', schema: 'Meeting', properties: { name: ['x'] } },
      { id: 'b', schema: 'Event', properties: { name: ['x'], attendees: ['c'], country: ['KZ'], date: ['late February 2023'], involved: ['d'] } },
      { id: 'c', schema: 'Occupancy', properties: { holder: ['b'] } },
    ];
    expect(ftmProblems(broken)).toEqual([
      'a: No such schema: Meeting',
      'b: Event has no property attendees',
      'b: country "KZ" is not a country of the model',
      'b: date "late February 2023" is not a date',
      'b: involved names d, which is not exported',
      'b: the library cannot read it: Property does not exist: attendees',
      'c: required post is missing',
      'c: holder names a Event, not a Person',
    ]);
  });

  test('each entity is written once, before any entity that refers to it', () => {
    const ids = entities.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(forwardReferences(entities)).toEqual([]);
  });
});

describe('content', () => {
  test('each meeting is one Event, with the date FtM can hold, the exact one in words, its countries, the people and bodies involved', () => {
    expect(withSchema('Event').map((e) => e.id).sort()).toEqual(meetings.map((m) => ftmId('Meeting', m.slug)).sort());
    const c5 = byId(ftmId('Meeting', 'c5-plus-1-ministerial-astana-2023'));
    expect(c5.properties).toMatchObject({
      date: ['2023-02'],
      description: ['date: late February 2023 (PART_OF_MONTH, earliest 2023-02-21, latest 2023-02-28)'],
      location: ['Astana'],
      involved: [ftmId('Person', 'antony-blinken')],
      organizer: [ftmId('Organization', 'c5-plus-1')],
      recordId: ['c5-plus-1-ministerial-astana-2023'],
    });
    expect([...c5.properties.country!].sort()).toEqual(['kg', 'kz', 'tj', 'tm', 'us', 'uz']);
    const talks = byId(ftmId('Meeting', 'kairat-umarov-talks-with-us-leadership-2023'));
    expect(talks.properties.date).toEqual(['2023']);
    expect(talks.properties.involved).toEqual([
      ftmId('Person', 'kairat-umarov'),
      ftmId('Organization', 'white-house'),
      ftmId('Organization', 'state-department'),
      ftmId('Organization', 'department-of-defense'),
      ftmId('Organization', 'us-congress'),
    ]);
    expect(byId(ftmId('Organization', 'state-department')).schema).toBe('PublicBody');
    expect(byId(ftmId('Organization', 'c5-plus-1')).schema).toBe('Organization');
  });

  test('each person who took part is one Person', () => {
    const people = new Set(meetings.flatMap((m) => m.participants.flatMap((p) => (p.person === null ? [] : [p.person]))));
    expect(withSchema('Person').map((e) => e.id).sort()).toEqual([...people].map((slug) => ftmId('Person', slug)).sort());
  });

  test('each tenure is an Occupancy of its office, with the dates FtM can hold and the exact ones in words', () => {
    expect(withSchema('Occupancy').map((e) => e.id).sort()).toEqual(tenures.map((t) => ftmId('Tenure', t.slug)).sort());
    expect(byId(ftmId('Tenure', 'antony-blinken-as-secretary-of-state'))).toEqual({
      id: ftmId('Tenure', 'antony-blinken-as-secretary-of-state'),
      schema: 'Occupancy',
      properties: {
        holder: [ftmId('Person', 'antony-blinken')],
        post: [ftmId('Office', 'united-states-secretary-of-state')],
        description: ['start: on or before late February 2023 (ON_OR_BEFORE, earliest unknown, latest 2023-02-28); end: not stated'],
        summary: ['US Secretary of State Antony Blinken'],
      },
    });
    expect(byId(ftmId('Office', 'united-states-secretary-of-state')).properties).toMatchObject({ name: ['Secretary of State'], country: ['us'], organization: [ftmId('Organization', 'state-department')] });
  });

  test("an event's notes are its record's quotes, verbatim from the source text", async () => {
    const texts = await shippedSourceTexts();
    const article = texts.get('urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation')!;
    for (const meeting of meetings) {
      const citations: CitationRecord[] = [meeting.citations, ...meeting.participants.map((p) => p.citations), ...meeting.topics.map((t) => t.citations), ...meeting.outcomes.map((o) => o.citations)].flat();
      const notes = byId(ftmId('Meeting', meeting.slug)).properties.notes;
      expect(notes).toEqual([...new Set(citations.map((c) => c.quote))]);
      for (const c of citations) if (texts.has(c.source)) expect(texts.get(c.source)!.includes(c.quote)).toBe(true);
    }
    expect(withSchema('Person').every((e) => e.properties.notes!.every((note) => article.includes(note)))).toBe(true);
  });
});

describe('streaming', () => {
  test('pages of 2 give the same entities, each page with the entities it first refers to', async () => {
    const paged = await exportAll(store, ftmFormat, 2);
    expect(paged.chunks).toHaveLength(4);
    expect(paged.text.trimEnd().split('\n').sort()).toEqual(text.trimEnd().split('\n').sort());
    expect(paged.chunks.map((chunk) => chunk.trimEnd().split('\n').filter((line) => line.includes('"schema":"Event"')).length)).toEqual([2, 2, 2, 2]);
  });
});

describe('a synthetic corpus', () => {
  test('of 1,000 meetings read in pages of 100 is valid, each meeting an Event, each entity once and before the entities naming it', async () => {
    const { store: synthetic, dir: syntheticDir } = await openSyntheticStore(1_000);
    try {
      const { text: exported, chunks } = await exportAll(synthetic, ftmFormat, 100);
      expect(chunks).toHaveLength(10);
      const lines = exported.trimEnd().split('\n').map((line) => JSON.parse(line) as FtmEntity);
      expect(ftmProblems(lines)).toEqual([]);
      expect(new Set(lines.map((e) => e.id)).size).toBe(lines.length);
      expect(forwardReferences(lines)).toEqual([]);
      const items = (await synthetic.findMany('Meeting', [{ order: { field: 'DATE', direction: 'ASC' }, first: null }]))[0]!.items;
      expect(lines.filter((e) => e.schema === 'Event').map((e) => e.id)).toEqual(items.map((item) => ftmId('Meeting', item.entity.slug)));
    } finally {
      await synthetic.close();
      await removeTempDataDir(syntheticDir);
    }
  }, 60_000);
});
