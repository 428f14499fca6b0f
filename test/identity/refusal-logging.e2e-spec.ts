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
    expect((await t.http.get('/metrics')).text).toMatch(/http_requests_total\{method="GET",route="\/api\/v1\/products",status="429"\} 26/);
  });
});
