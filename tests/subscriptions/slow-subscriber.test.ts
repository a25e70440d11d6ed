/**
 * A subscriber that stops reading: once its socket is full, its events wait in the
 * server's queue for it, up to SUBSCRIPTION_BUFFER; past that the server drops them and
 * ends the subscription with SUBSCRIBER_TOO_SLOW, which the client reads once it reads
 * again. Meanwhile the server's queued events stay within the bound and the other
 * subscribers get every event.
 */
import { startTestServer, type TestServer } from '../helpers/test-server';
import { TOKEN, RawConnection, Subscriber, gauge, openClient, waitForSubscriptions, waitUntil, write } from './ws-helpers';

const BUFFER = 10;
const WRITES = 60;

/** 25 copies of a topic's aliases: with 50 aliases of 200 characters, about 250 kB an event, so a few fill the socket. */
const FAT = `subscription Fat { changes { seq ${Array.from({ length: 25 }, (_, i) => `a${i}: entity { ... on Topic { aliases } }`).join(' ')} } }`;
const CREATE_FAT_TOPIC = 'mutation CreateFatTopic($name: String!, $aliases: [String!]) { createTopic(input: { name: $name, aliases: $aliases }) { topic { slug } } }';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ env: { API_TOKENS: TOKEN, SUBSCRIPTION_BUFFER: String(BUFFER) } });
});
afterAll(() => api.stop());

test('is cut off with SUBSCRIBER_TOO_SLOW while the queue stays bounded and other subscribers get every event', async () => {
  const { client } = openClient(api.url);
  const steady = new Subscriber<{ changes: { seq: number } }>(client, 'subscription Steady { changes { seq } }');
  const slow = new RawConnection(api.url);
  await slow.init();
  slow.send({ id: 'fat', type: 'subscribe', payload: { query: FAT } });
  await waitForSubscriptions(api.url, 2);
  slow.socket.pause();

  let maxQueued = 0;
  for (let i = 0; i < WRITES; i++) {
    const aliases = Array.from({ length: 50 }, (_, j) => `${i} ${j} ${'x'.repeat(190)}`);
    await write(api.url, CREATE_FAT_TOPIC, { name: `Fat topic ${i}`, aliases });
    maxQueued = Math.max(maxQueued, await gauge(api.url, 'graphql_subscription_queued_events'));
  }

  // The steady subscriber got everything, in order, while the slow one stalled.
  await steady.waitForResults(WRITES);
  expect(steady.data.map((data) => data.changes.seq)).toEqual(Array.from({ length: WRITES }, (_, i) => i + 1));
  // The slow subscription's stream was ended and its queue dropped; it never held more than the buffer.
  expect(maxQueued).toBeLessThanOrEqual(BUFFER);
  await waitForSubscriptions(api.url, 1);
  await waitUntil(async () => (await gauge(api.url, 'graphql_subscription_queued_events')) === 0, 'no queued events');

  // Reading again, the client finds the events that had left before the cut, then the error.
  slow.socket.resume();
  const error = await slow.message((message) => message.type === 'error', 10_000);
  expect(error).toEqual({
    id: 'fat',
    type: 'error',
    payload: [
      {
        message: `The subscriber fell behind: more than ${BUFFER} changes waited undelivered, so the subscription was ended. Subscribe again with \`after\` set to the last seq you received to resume.`,
        extensions: { code: 'SUBSCRIBER_TOO_SLOW', limit: BUFFER },
      },
    ],
  });
  const delivered = slow.messages.filter((message) => message.type === 'next').map((message) => message.payload.data.changes.seq as number);
  expect(delivered.length).toBeGreaterThan(0);
  expect(delivered.length).toBeLessThan(WRITES);
  expect(delivered).toEqual(Array.from({ length: delivered.length }, (_, i) => i + 1));
  // The error is the subscription's last message, and the connection stays usable.
  expect(slow.messages.at(-1)).toBe(error);
  slow.send({ id: 'again', type: 'subscribe', payload: { query: 'subscription Again($after: Int) { changes(after: $after) { seq } }', variables: { after: delivered.at(-1) } } });
  const resumed = await slow.message((message) => message.id === 'again' && message.type === 'next');
  expect(resumed.payload).toEqual({ data: { changes: { seq: delivered.at(-1)! + 1 } } });

  slow.close();
  steady.stop();
  await client.dispose();
}, 60_000);
