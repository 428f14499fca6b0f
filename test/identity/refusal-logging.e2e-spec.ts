import { randomUUID } from 'node:crypto';
import { RefusedClients } from '../support/built';
import { startTestApp, type TestApp } from '../support/test-app';

// One app in this file: nestjs-pino keeps one logger per process, so a second app would log into the first's lines.
describe('Logging the refusals past a rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { API_RATE_LIMIT: '5' } });
  });
  afterAll(() => t.close());

  const refusalLines = () => t.logs.filter((line) => line.msg === 'request refused: rate limit');

  it('writes a line a second per route, counting the refusals it did not log, while metrics count every one', async () => {
    const started = Date.now();
    const statuses = [];
    for (let i = 0; i < 30; i++) statuses.push((await t.http.get('/api/v1/products')).status);
    const seconds = (Date.now() - started) / 1000;
    expect(statuses.filter((status) => status === 429)).toHaveLength(25);
    expect(refusalLines()[0]).toMatchObject({ statusCode: 429, client: '127.0.0.1', refusedUnlogged: 0 });
    expect(refusalLines().length).toBeLessThanOrEqual(1 + Math.ceil(seconds));

    // A second on, the next refusal is logged with every one since the last line: none goes uncounted.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await t.http.get('/api/v1/products')).status).toBe(429);
    const lines = refusalLines();
    expect(lines.reduce((sum, line) => sum + 1 + Number(line.refusedUnlogged), 0)).toBe(26);
    expect((await t.http.get('/metrics')).text).toMatch(/http_requests_total\{method="GET",route="\/api\/v1\/products",status="429"\} 26$/m);
  });

  it('refuses a client past its limit before Nest after the first refusal, with the same reply', async () => {
    const remembered = jest.spyOn(t.app.get(RefusedClients), 'remember');
    const url = `/api/v1/products/${randomUUID()}`;
    const replies: Array<{ status: number; headers: Record<string, unknown>; body: Record<string, unknown> }> = [];
    for (let i = 0; i < 8; i++) replies.push(await t.http.get(url));
    expect(replies.map((reply) => reply.status)).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
    // Only the first refusal went through the guard; the next two were answered before Nest (RefusedClients).
    expect(remembered).toHaveBeenCalledTimes(1);
    const [byGuard, early] = [replies[5], replies[6]];
    const shape = (reply: (typeof replies)[number]) => ({
      headers: Object.keys(reply.headers).filter((name) => !['date', 'x-request-id'].includes(name)).sort(),
      contentType: reply.headers['content-type'],
      retryAfter: Number(reply.headers['retry-after']),
      body: { ...reply.body, traceId: typeof reply.body.traceId },
    });
    expect(shape(early)).toEqual({ ...shape(byGuard), retryAfter: expect.any(Number) });
    expect(Number(early.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(early.headers['retry-after'])).toBeLessThanOrEqual(Number(byGuard.headers['retry-after']));
    expect(early.body.traceId).toBe(early.headers['x-request-id']);
    remembered.mockRestore();
  });
});
