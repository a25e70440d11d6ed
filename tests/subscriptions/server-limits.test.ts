/**
 * The limits of one server over all its clients, MAX_WS_CONNECTIONS and MAX_SUBSCRIPTIONS:
 * one connection too many is closed with 1013 and a TOO_MANY_CONNECTIONS reason, one
 * subscription too many gets TOO_MANY_SUBSCRIPTIONS, both free their places when clients
 * leave; and the settings are validated at start-up.
 */
import { ConfigError, readConfig } from '../../src/config';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { RawConnection, gauge, waitForSubscriptions, waitUntil } from './ws-helpers';

const LIVE = 'subscription { changes { seq } }';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ env: { MAX_WS_CONNECTIONS: '3', MAX_SUBSCRIPTIONS: '4' } });
});
afterAll(() => api.stop());

const connectionsOpen = (count: number) => waitUntil(async () => (await gauge(api.url, 'graphql_ws_connections')) === count, `${count} open connections`);

test('a connection past MAX_WS_CONNECTIONS is closed with 1013 TOO_MANY_CONNECTIONS, and one can connect again once another leaves', async () => {
  const open = [new RawConnection(api.url), new RawConnection(api.url), new RawConnection(api.url)];
  await Promise.all(open.map((connection) => connection.init()));

  const refused = new RawConnection(api.url);
  expect(await refused.closed).toEqual({ code: 1013, reason: 'TOO_MANY_CONNECTIONS: this server has its most connections open (3); try again later' });
  expect(await gauge(api.url, 'graphql_ws_connections')).toBe(3);

  open.pop()!.close();
  await connectionsOpen(2);
  const again = new RawConnection(api.url);
  await again.init();
  expect(await gauge(api.url, 'graphql_ws_connections')).toBe(3);
  for (const connection of [...open, again]) connection.close();
  await connectionsOpen(0);
});

test('a subscription past MAX_SUBSCRIPTIONS, over all connections, gets TOO_MANY_SUBSCRIPTIONS; one ending frees its place', async () => {
  const first = new RawConnection(api.url);
  const second = new RawConnection(api.url);
  await Promise.all([first.init(), second.init()]);
  for (const id of ['1', '2', '3']) first.send({ id, type: 'subscribe', payload: { query: LIVE } });
  second.send({ id: '1', type: 'subscribe', payload: { query: LIVE } });
  await waitForSubscriptions(api.url, 4);

  second.send({ id: '2', type: 'subscribe', payload: { query: LIVE } });
  expect(await second.message((message) => message.id === '2')).toEqual({
    id: '2',
    type: 'error',
    payload: [{ message: 'This server has too many subscriptions running: the limit is 4. Try again later.', extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: 4 } }],
  });

  first.send({ id: '1', type: 'complete' });
  await waitForSubscriptions(api.url, 3);
  second.send({ id: '3', type: 'subscribe', payload: { query: LIVE } });
  await waitForSubscriptions(api.url, 4);
  expect(second.messages.filter((message) => message.id === '3')).toEqual([]);

  // A connection that goes frees all of its places.
  first.close();
  await waitForSubscriptions(api.url, 2);
  const third = new RawConnection(api.url);
  await third.init();
  third.send({ id: '1', type: 'subscribe', payload: { query: LIVE } });
  third.send({ id: '2', type: 'subscribe', payload: { query: LIVE } });
  await waitForSubscriptions(api.url, 4);
  for (const connection of [second, third]) connection.close();
  await waitForSubscriptions(api.url, 0);
});

test('MAX_WS_CONNECTIONS and MAX_SUBSCRIPTIONS default to 500 and 2000 and must be whole numbers of at least 1', () => {
  expect(readConfig({})).toMatchObject({ maxWsConnections: 500, maxSubscriptions: 2000 });
  expect(() => readConfig({ MAX_WS_CONNECTIONS: '0' })).toThrow(new ConfigError('MAX_WS_CONNECTIONS must be a whole number of at least 1; got "0".'));
  expect(() => readConfig({ MAX_SUBSCRIPTIONS: 'many' })).toThrow(new ConfigError('MAX_SUBSCRIPTIONS must be a whole number of at least 1; got "many".'));
});
