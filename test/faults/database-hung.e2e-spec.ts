import { HangingProxy } from '../support/hanging-proxy';
import { startTestApp, type TestApp } from '../support/test-app';
import { ThrowawayPostgres } from '../support/throwaway-postgres';

/** A database that takes connections and never answers (a failed network, a frozen host) must not queue requests. */
describe('When the database hangs', () => {
  let t: TestApp;
  let proxy: HangingProxy;
  beforeAll(async () => {
    const postgres = await ThrowawayPostgres.create();
    proxy = await HangingProxy.start(postgres.port);
    const url = new URL(postgres.url);
    url.port = String(proxy.port);
    t = await startTestApp({
      database: { kind: 'postgresql', url: url.toString(), drop: () => postgres.destroy() },
      env: { DB_CONNECT_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '500' }, // unanswered statements end after 1.5-2 s
    });
  }, 60_000);
  afterAll(async () => {
    await proxy.close();
    await t.close();
  });

  // Requests on connections the pool held waited for ever (pg set no time limit of its own). And one client's
  // requests waited for the rate-limit counter's lease one after another, each a timeout longer than the last (4, 6,
  // 8 ... 26 s for twelve requests), and then a timeout more for their own query.
  it('answers every request of one client 503 within about one statement timeout', async () => {
    proxy.hang();
    const started = Date.now();
    const replies = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const reply = await t.http.get('/api/v1/products');
        return { status: reply.status, retryAfter: reply.headers['retry-after'], ms: Date.now() - started };
      }),
    );
    expect(replies.map(({ status, retryAfter }) => [status, retryAfter])).toEqual(Array.from({ length: 8 }, () => [503, '5']));
    const slowest = Math.max(...replies.map(({ ms }) => ms));
    expect({ slowest, withinTwoTimeouts: slowest < 4_000 }).toEqual({ slowest, withinTwoTimeouts: true });
  });
});
