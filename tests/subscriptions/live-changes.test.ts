/**
 * `subscription { changes }` over graphql-ws at /graphql, against the real server with a
 * JSON store: writes made over HTTP reach subscribers within a second, filtered by type,
 * and a subscriber resuming with `after` gets the events it missed, then live ones, with
 * no gap and no duplicate, however writes and the subscription interleave.
 */
import type { Client } from 'graphql-ws';
import { toGlobalId } from '../../src/schema/relay/global-id';
import { meetingInput } from '../helpers/meeting-input';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { TOKEN, Subscriber, createTopic, openClient, waitForSubscriptions, waitUntil, write } from './ws-helpers';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const LIVE = `subscription LiveChanges($types: [EntityType!], $after: Int) {
  changes(types: $types, after: $after) {
    seq
    operation
    entityType
    entityId
    entitySlug
    at
    entity { __typename id ... on Meeting { title } ... on Topic { name } }
  }
}`;

interface LiveChange {
  changes: { seq: number; operation: string; entityType: string; entityId: string; entitySlug: string; at: string; entity: Record<string, unknown> | null };
}

const CREATE_MEETING = `mutation CreateMeeting($input: CreateMeetingInput!) { createMeeting(input: $input) { meeting { slug } } }`;
const DELETE_TOPIC = `mutation DeleteTopic($id: ID!) { deleteTopic(id: $id) { deletedId } }`;
const CREATE_PLACE = `mutation CreatePlace($input: CreatePlaceInput!) { createPlace(input: $input) { place { slug } } }`;


let api: TestServer;
let client: Client;
beforeEach(async () => {
  api = await startTestServer({ env: { API_TOKENS: TOKEN } });
  client = openClient(api.url).client;
});
afterEach(async () => {
  await client.dispose();
  await api.stop();
});

/** Subscribes, and waits until the server has the subscription open. */
async function subscribe(variables: Record<string, unknown> = {}, open = 1): Promise<Subscriber<LiveChange>> {
  const subscriber = new Subscriber<LiveChange>(client, LIVE, variables);
  await waitForSubscriptions(api.url, open);
  return subscriber;
}

const seqs = (subscriber: Subscriber<LiveChange>) => subscriber.data.map((data) => data.changes.seq);

describe('live delivery', () => {
  test('a meeting created over HTTP reaches a subscriber within a second, with its seq, type, ids and the entity itself', async () => {
    const subscriber = await subscribe();
    const written = Date.now();
    await write(api.url, CREATE_MEETING, { input: meetingInput('Kairat Umarov meets a subscriber', { date: { label: 'on or before 30 April 2023', earliest: null, latest: '2023-04-30', precision: 'ON_OR_BEFORE' } }) });
    const [event] = await subscriber.waitForResults(1, 1000);
    expect(Date.now() - written).toBeLessThan(1000);
    const slug = 'kairat-umarov-meets-a-subscriber';
    expect(event).toEqual({
      changes: {
        seq: 1,
        operation: 'CREATE',
        entityType: 'MEETING',
        entityId: toGlobalId('Meeting', slug),
        entitySlug: slug,
        at: expect.stringMatching(ISO_TIMESTAMP),
        entity: { __typename: 'Meeting', id: toGlobalId('Meeting', slug), title: 'Kairat Umarov meets a subscriber' },
      },
    });
    expect(subscriber.results[0]!.errors).toBeUndefined();
  });

  test('a delete arrives with the entity null and its id and slug still given', async () => {
    await createTopic(api.url, 'Arms control');
    const subscriber = await subscribe();
    await write(api.url, DELETE_TOPIC, { id: toGlobalId('Topic', 'arms-control') });
    const [event] = await subscriber.waitForResults(1);
    expect(event!.changes).toEqual(
      expect.objectContaining({ seq: 2, operation: 'DELETE', entityType: 'TOPIC', entityId: toGlobalId('Topic', 'arms-control'), entitySlug: 'arms-control', entity: null }),
    );
  });

  test('every subscriber gets every write, in seq order', async () => {
    const first = await subscribe({}, 1);
    const second = await subscribe({}, 2);
    for (const name of ['Arms control', 'Water', 'Trade routes']) await createTopic(api.url, name);
    await first.waitForResults(3);
    await second.waitForResults(3);
    expect(seqs(first)).toEqual([1, 2, 3]);
    expect(seqs(second)).toEqual([1, 2, 3]);
    expect(first.data.map((data) => data.changes.entity?.name)).toEqual(['Arms control', 'Water', 'Trade routes']);
  });

  test('completing a subscription closes it on the server', async () => {
    const subscriber = await subscribe();
    subscriber.stop();
    await waitUntil(() => subscriber.completed, 'the subscription to complete');
    await waitForSubscriptions(api.url, 0);
  });
});

describe('types', () => {
  test('gives only changes to the types asked for', async () => {
    const subscriber = await subscribe({ types: ['TOPIC'] });
    await write(api.url, CREATE_PLACE, { input: { name: 'Almaty', kind: 'CITY', countryId: toGlobalId('Country', 'kazakhstan') } });
    await createTopic(api.url, 'Arms control');
    await subscriber.waitForResults(1);
    // The place came first: had it passed the filter, it would be the first result.
    expect(subscriber.data.map((data) => [data.changes.seq, data.changes.entityType])).toEqual([[2, 'TOPIC']]);
  });

  test('an empty list is no filter', async () => {
    const subscriber = await subscribe({ types: [] });
    await write(api.url, CREATE_PLACE, { input: { name: 'Almaty', kind: 'CITY', countryId: toGlobalId('Country', 'kazakhstan') } });
    await subscriber.waitForResults(1);
    expect(subscriber.data[0]!.changes.entityType).toBe('PLACE');
  });
});

describe('after', () => {
  test('replays the changes after the seq given, then live ones, without a gap or a duplicate', async () => {
    for (const name of ['One', 'Two', 'Three']) await createTopic(api.url, name);
    const subscriber = await subscribe({ after: 1 });
    await subscriber.waitForResults(2);
    await createTopic(api.url, 'Four');
    await subscriber.waitForResults(3);
    expect(seqs(subscriber)).toEqual([2, 3, 4]);
    expect(subscriber.data.map((data) => data.changes.entity?.name)).toEqual(['Two', 'Three', 'Four']);
  });

  test('while writes land during the catch-up, every seq arrives once, in order', async () => {
    await Promise.all(Array.from({ length: 150 }, (_, i) => createTopic(api.url, `Before ${i}`)));
    const subscriber = new Subscriber<LiveChange>(client, LIVE, { after: 0, types: ['TOPIC'] });
    // Written while the subscription starts and reads back the 150 before it (two pages).
    await Promise.all(Array.from({ length: 40 }, (_, i) => createTopic(api.url, `During ${i}`)));
    await subscriber.waitForResults(190, 10_000);
    await createTopic(api.url, 'After');
    await subscriber.waitForResults(191);
    expect(seqs(subscriber)).toEqual(Array.from({ length: 191 }, (_, i) => i + 1));
  });

  test('a seq beyond the data (a replica behind another) waits for the changes after it', async () => {
    await createTopic(api.url, 'One');
    const subscriber = await subscribe({ after: 2 });
    await createTopic(api.url, 'Two');
    await createTopic(api.url, 'Three');
    await subscriber.waitForResults(1);
    expect(seqs(subscriber)).toEqual([3]);
  });

  test('a negative seq is BAD_USER_INPUT', async () => {
    const subscriber = new Subscriber<LiveChange>(client, LIVE, { after: -1 });
    await subscriber.waitForResults(1);
    // Refused as the subscription starts (graphql-js's subscribe phase): a result with errors only, then the end.
    expect(subscriber.results[0]).toEqual({
      errors: [{ message: 'after must be a seq of 0 or more; got -1.', locations: [{ line: 2, column: 3 }], path: ['changes'], extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } }],
    });
    await waitUntil(() => subscriber.completed, 'the subscription to complete');
    await waitForSubscriptions(api.url, 0);
  });
});
