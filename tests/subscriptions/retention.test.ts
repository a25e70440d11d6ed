/**
 * `subscription { changes(after) }` and the change feed's retention: resuming from a seq
 * whose later changes the feed still keeps replays them; from an older one the subscription
 * ends with RESYNC_REQUIRED (replaying would miss changes), and the connection goes on.
 */
import { startTestServer, type TestServer } from '../helpers/test-server';
import { RawConnection, TOKEN, createTopic } from './ws-helpers';

const RESUME = 'subscription Resume($after: Int) { changes(after: $after) { seq } }';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ env: { API_TOKENS: TOKEN, CHANGE_RETENTION: '3' } });
  for (let i = 1; i <= 6; i++) await createTopic(api.url, `Retained topic ${i}`);
});
afterAll(() => api.stop());

test('after a seq older than the changes kept, the subscription ends with RESYNC_REQUIRED; from the one before the oldest kept, it replays them', async () => {
  const connection = new RawConnection(api.url);
  await connection.init();
  connection.send({ id: 'old', type: 'subscribe', payload: { query: RESUME, variables: { after: 1 } } });
  const error = await connection.message((message) => message.id === 'old' && message.type === 'error');
  expect(error.payload).toEqual([
    {
      message:
        'The change feed no longer keeps the changes after seq 1: it keeps the latest changes only, from seq 4 now, so following on from there would miss some. ' +
        "Read the data you keep again, then follow the feed from the current version (seq 6, the changes' totalCount): subscribe again with `after: 6`.",
      extensions: { code: 'RESYNC_REQUIRED', after: 1, oldestSeq: 4, lastSeq: 6 },
    },
  ]);
  expect(connection.messages.filter((message) => message.id === 'old' && message.type === 'next')).toEqual([]);

  connection.send({ id: 'kept', type: 'subscribe', payload: { query: RESUME, variables: { after: 3 } } });
  await connection.message((message) => message.id === 'kept' && message.type === 'next' && message.payload.data.changes.seq === 6);
  expect(connection.messages.filter((message) => message.id === 'kept').map((message) => message.payload.data.changes.seq)).toEqual([4, 5, 6]);

  connection.send({ id: 'resynced', type: 'subscribe', payload: { query: RESUME, variables: { after: 6 } } });
  await createTopic(api.url, 'Retained topic 7');
  const next = await connection.message((message) => message.id === 'resynced' && message.type === 'next');
  expect(next.payload).toEqual({ data: { changes: { seq: 7 } } });
  connection.close();
});
