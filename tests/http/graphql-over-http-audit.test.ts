/**
 * The GraphQL-over-HTTP conformance audit of graphql-http (`serverAudits`), run against a
 * started server: every MUST and SHOULD it checks answers `ok`, with no warning and no error.
 * Three MAY audits send a GET without a header that forces a CORS preflight, which Apollo's
 * CSRF prevention refuses by design (a link on any site could send it): those three must be
 * the audit's `notice`, for exactly that reason, and nothing else.
 */
import { serverAudits } from 'graphql-http';
import { startTestServer, type TestServer } from '../helpers/test-server';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.stop());

const audits = serverAudits({ url: () => `${api.url}/graphql` });

/** The MAY audits that GET without a preflight header: refused by CSRF prevention. */
const REFUSED_AS_CSRF = new Set(['5A70', 'D6D5', '6A70']);

describe('GraphQL-over-HTTP audit (graphql-http)', () => {
  test('runs every audit, MUST and SHOULD among them', () => {
    expect(audits.filter((audit) => audit.name.startsWith('MUST')).length).toBeGreaterThan(10);
    expect(audits.filter((audit) => audit.name.startsWith('SHOULD')).length).toBeGreaterThan(10);
    expect(audits.filter((audit) => REFUSED_AS_CSRF.has(audit.id)).every((audit) => audit.name.startsWith('MAY ') && audit.name.includes('GET'))).toBe(true);
  });

  test.each(audits.map((audit) => [audit.name, audit] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    if (REFUSED_AS_CSRF.has(audit.id)) {
      expect(result.status).toBe('notice');
      const body = result.status === 'ok' ? '' : await result.response.text();
      expect(JSON.parse(body).errors[0].message).toContain('This operation has been blocked as a potential Cross-Site Request Forgery (CSRF)');
      return;
    }
    // On failure, the whole result: its reason and the response that failed.
    expect(result.status === 'ok' ? 'ok' : { ...result, response: { status: result.response.status, body: await result.response.text() } }).toBe('ok');
  });
});
