import { startTestApp, type TestApp } from '../support/test-app';

// One app in this file: nestjs-pino keeps one logger per process, so a second app would log into the first's lines.
describe('Logging the refusals of a client past its limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { API_RATE_LIMIT: '5' } });
  });
  afterAll(() => t.close());

  const refusalLines = () => t.logs.filter((line) => line.msg === 'request refused: rate limit');

  it('writes one line a second per client, counting the refusals it did not log, while metrics count every one', async () => {
    const statuses = [];
    for (let i = 0; i < 30; i++) statuses.push((await t.http.get('/api/v1/products')).status);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25);
    expect(refusalLines()).toEqual([expect.objectContaining({ statusCode: 429, client: '127.0.0.1', refusedUnlogged: 0 })]);

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await t.http.get('/api/v1/products')).status).toBe(429);
    expect(refusalLines()).toHaveLength(2);
    expect(refusalLines()[1]).toMatchObject({ refusedUnlogged: 24 });
    expect((await t.http.get('/metrics')).text).toMatch(/http_requests_total\{method="GET",route="\/api\/v1\/products",status="429"\} 26/);
  });
});
