/**
 * Shutting down with live subscriptions: `server.stop()` closes every WebSocket with 1001
 * (Going Away, which graphql-ws clients retry, reaching another replica) and cuts one whose
 * client does not answer, so stopping stays prompt; the built server still exits 0 on
 * SIGTERM at once.
 */
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';
import { killServerProcesses, startServerProcess } from '../helpers/server-process';
import { startTestServer } from '../helpers/test-server';
import { RawConnection, Subscriber, openClient, waitForSubscriptions } from './ws-helpers';

afterEach(() => killServerProcesses());

test('server.stop() closes every socket with 1001 and returns promptly, even with a client that stopped reading', async () => {
  const api = await startTestServer();
  const { client, closes } = openClient(api.url);
  const subscriber = new Subscriber(client, 'subscription { changes { seq } }');
  const stuck = new RawConnection(api.url);
  await stuck.init();
  stuck.send({ id: '1', type: 'subscribe', payload: { query: 'subscription { changes { seq } }' } });
  await waitForSubscriptions(api.url, 2);
  stuck.socket.pause();

  const started = Date.now();
  await api.stop();
  expect(Date.now() - started).toBeLessThan(3000);
  expect(closes).toEqual([{ code: 1001, reason: 'The server is shutting down' }]);
  expect(subscriber.error).toEqual(expect.objectContaining({ code: 1001 }));
  // The client that read nothing finds the close frame once it reads; its socket was cut
  // without waiting for its answer (ws would wait 30 s for it).
  stuck.socket.resume();
  expect(await stuck.closed).toEqual({ code: 1001, reason: 'The server is shutting down' });
  await client.dispose();
});

test('the server process exits 0 promptly on SIGTERM with subscriptions open', async () => {
  const dataDir = await createTempDataDir();
  try {
    const server = await startServerProcess({ dataDir, env: { LOG_LEVEL: 'info' } });
    const httpUrl = server.url.replace(/\/graphql$/, '');
    const { client, closes } = openClient(httpUrl);
    new Subscriber(client, 'subscription { changes { seq } }');
    const stuck = new RawConnection(httpUrl);
    await stuck.init();
    stuck.send({ id: '1', type: 'subscribe', payload: { query: 'subscription { changes { seq } }' } });
    await waitForSubscriptions(httpUrl, 2);
    stuck.socket.pause();

    const started = Date.now();
    const exit = await server.kill('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(closes).toEqual([{ code: 1001, reason: 'The server is shutting down' }]);
    stuck.close();
    await client.dispose();
  } finally {
    await removeTempDataDir(dataDir);
  }
});
