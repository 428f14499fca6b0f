import { startTestAppOnOwnPostgres } from '../support/test-app';

async function until(condition: () => Promise<boolean>, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not true within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('When the database goes away', () => {
  let t: Awaited<ReturnType<typeof startTestAppOnOwnPostgres>>;
  beforeAll(async () => {
    t = await startTestAppOnOwnPostgres({ DB_CONNECT_TIMEOUT_MS: '1000' });
  }, 60_000);
  afterAll(() => t?.close());

  const login = () => t.http.post('/api/v1/auth/login', { email: 'nobody@test.example', password: 'some passphrase here' });

  it('answers 503 problems quickly while it is down, and recovers by itself when it is back', async () => {
    expect((await t.http.get('/health/ready')).status).toBe(200);
    expect((await login()).status).toBe(401);

    await t.postgres.stop();
    const started = Date.now();
    const ready = await t.http.get('/health/ready');
    const request = await login();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(ready.status).toBe(503);
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(request.status).toBe(503);
    expect(request.headers['retry-after']).toBe('5');
    expect(request.body).toMatchObject({ status: 503, type: expect.stringMatching(/service-unavailable$/), traceId: expect.any(String) });
    expect(request.text).not.toMatch(/ECONNREFUSED|pg|postgres|mikro/i);

    // Logged once a second per route with the number left unlogged, as refusals past a rate limit are: an outage
    // answered tens of thousands a minute, each a line at error level.
    const flood = Date.now();
    for (let i = 0; i < 20; i++) expect((await login()).status).toBe(503);
    const seconds = (Date.now() - flood) / 1000;
    const lines = t.logs.filter((line) => line.msg === 'request refused: service unavailable');
    expect(lines[0]).toMatchObject({ level: 50, statusCode: 503, req: { method: 'POST', url: '/api/v1/auth/login' }, unavailableUnlogged: 0 });
    expect(lines.length).toBeLessThanOrEqual(2 + Math.ceil(seconds));
    expect(t.logs.filter((line) => line.msg === 'request errored')).toEqual([]);

    await t.postgres.start();
    await until(async () => (await t.http.get('/health/ready')).status === 200, 30);
    expect((await login()).status).toBe(401);
  });
});
