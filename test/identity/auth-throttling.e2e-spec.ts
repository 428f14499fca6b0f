import { startTestApp, type TestApp } from '../support/test-app';

describe('Per-IP throttling of the auth routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { AUTH_THROTTLE_LIMIT: '3', AUTH_THROTTLE_TTL_SECONDS: '60' } });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After past the configured limit, and leaves other routes alone', async () => {
    const body = { email: 'nobody@test.example', password: 'whatever passphrase' };
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.http.post('/api/v1/auth/login', body)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const throttled = await t.http.post('/api/v1/auth/login', body);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(throttled.body).toMatchObject({ status: 429 });
    expect((await t.http.get('/api/v1/products')).status).toBe(200);
  });
});

describe('The per-IP limit on every API route', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { API_RATE_LIMIT: '5' } });
  });
  afterAll(() => t.close());

  it('counts down in X-RateLimit headers, then answers 429 with Retry-After; probes are never limited', async () => {
    const remaining = [];
    for (let i = 0; i < 5; i++) {
      const reply = await t.http.get('/api/v1/products');
      expect(reply.headers['x-ratelimit-limit']).toBe('5');
      remaining.push(reply.headers['x-ratelimit-remaining']);
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const limited = await t.http.get('/api/v1/products');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) expect((await t.http.get('/health/live')).status).toBe(200);
  });
});
