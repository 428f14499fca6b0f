import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Client, Pool } from 'pg';
import type { HitsCountedNow } from '../../src/infrastructure/rate-limits/hits-counted-now';
import { MikroORM, RATE_LIMIT_STORAGE } from '../support/built';
import { newCustomer } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Per-IP throttling of the auth routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { AUTH_THROTTLE_LIMIT: '3', AUTH_THROTTLE_TTL_SECONDS: '60' } });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After past the configured limit, and leaves other routes alone', async () => {
    const body = { email: 'nobody@test.example', password: 'whatever passphrase' };
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push(await t.http.post('/api/v1/auth/login', body));
    expect(replies.map((reply) => reply.status)).toEqual([401, 401, 401, 429]);
    // Both limits count an auth request, each in headers named as @nestjs/throttler names them.
    expect(replies.slice(0, 3).map((reply) => [reply.headers['x-ratelimit-limit-auth'], reply.headers['x-ratelimit-remaining-auth']])).toEqual([
      ['3', '2'],
      ['3', '1'],
      ['3', '0'],
    ]);
    expect(replies[0].headers['x-ratelimit-reset-auth']).toBe('60');
    const apiRemaining = replies.slice(0, 3).map((reply) => Number(reply.headers['x-ratelimit-remaining']));
    expect(apiRemaining[0]).toBeGreaterThan(0);
    expect(apiRemaining).toEqual([apiRemaining[0], apiRemaining[0] - 1, apiRemaining[0] - 2]);
    const throttled = await t.http.post('/api/v1/auth/login', body);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(throttled.headers['retry-after-auth']).toBe(throttled.headers['retry-after']);
    expect(throttled.body).toMatchObject({ status: 429 });
    expect((await t.http.get('/api/v1/products')).status).toBe(200);
  });
});

describe('One auth budget per client', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { AUTH_THROTTLE_LIMIT: '3', AUTH_THROTTLE_TTL_SECONDS: '60' } });
  });
  afterAll(() => t.close());

  // The router decodes a path before it matches, so `%61uth` reaches the login handler; the limits go by the route.
  it('counts every auth route against it, however the path is spelled', async () => {
    const json = { 'content-type': 'application/json' };
    const replies = [
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: json, payload: { email: 'nobody@test.example', password: 'whatever passphrase' } }),
      await t.app.inject({ method: 'POST', url: '/api/v1/%61uth/login', headers: json, payload: { email: 'nobody@test.example', password: 'whatever passphrase' } }),
      await t.app.inject({ method: 'POST', url: '/%61pi/v1/auth/refresh', headers: json, payload: { refreshToken: 'not-a-refresh-token' } }),
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/email-verification/confirm', headers: json, payload: { token: 'not-a-token' } }),
    ];
    expect(replies.map((reply) => reply.statusCode)).toEqual([401, 401, 401, 429]);
    expect(replies.slice(0, 3).map((reply) => reply.headers['x-ratelimit-remaining-auth'])).toEqual(['2', '1', '0']);
    expect(Number(replies[3].headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('The auth budget on the routes that check a signed-in user\'s password', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { AUTH_THROTTLE_LIMIT: '5', AUTH_THROTTLE_TTL_SECONDS: '60' } });
  });
  afterAll(() => t.close());

  // Each checks a password (an argon2id hash), and the address change answers 409 for an address that has an account.
  it('counts a password change and an address change against it, as the /auth routes', async () => {
    const customer = await newCustomer(t.http); // register and log in: two of the five
    const wrong = { currentPassword: 'not the password at all', newPassword: 'another long passphrase 42' };
    const replies = [
      await t.http.post('/api/v1/users/me/password', wrong, { token: customer.token }),
      await t.http.post('/api/v1/users/me/email', { email: 'someone-else@test.example', password: 'not the password at all' }, { token: customer.token }),
      await t.http.post('/api/v1/users/me/password', wrong, { token: customer.token }),
      await t.http.post('/api/v1/users/me/email', { email: 'someone-else@test.example', password: 'not the password at all' }, { token: customer.token }),
    ];
    expect(replies.map((reply) => reply.status)).toEqual([400, 400, 400, 429]);
    expect(replies.slice(0, 3).map((reply) => reply.body.type)).toEqual(Array(3).fill(expect.stringMatching(/wrong-current-password$/)));
    expect(replies.slice(0, 3).map((reply) => reply.headers['x-ratelimit-remaining-auth'])).toEqual(['2', '1', '0']);
    expect(Number(replies[3].headers['retry-after'])).toBeGreaterThan(0);
    expect((await t.http.patch('/api/v1/users/me', { name: 'Still served' }, { token: customer.token })).status).toBe(200);
  });
});

describe('Client addresses behind one proxy (TRUST_PROXY=loopback: the tests\' client plays it)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { AUTH_THROTTLE_LIMIT: '2', TRUST_PROXY: 'loopback' } });
  });
  afterAll(() => t.close());

  // The proxy appends the address it saw; what stands left of it, the client wrote itself.
  it('counts the address the proxy appended, not what the client wrote before it', async () => {
    const login = (forwardedFor: string) =>
      t.http.post('/api/v1/auth/login', { email: 'nobody@test.example', password: 'whatever passphrase' }, { headers: { 'x-forwarded-for': forwardedFor } });
    const replies = [await login('198.51.100.1, 203.0.113.9'), await login('198.51.100.2, 203.0.113.9'), await login('198.51.100.3, 203.0.113.9')];
    expect(replies.map((reply) => reply.status)).toEqual([401, 401, 429]);
    expect((await login('203.0.113.10')).status).toBe(401);
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
    const spelled = await t.app.inject({ method: 'GET', url: '/%61pi/v1/products' });
    expect(spelled.statusCode).toBe(429);
    const limited = await t.http.get('/api/v1/products');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) expect((await t.http.get('/health/live')).status).toBe(200);
  });
});

// A client past its limit must cost less than one served: no statement, no Redis call, per refusal.
describe('Refusing a client past its limit', () => {
  /**
   * Questions to the rate-limit store (a hit counted now or awaited), and on PostgreSQL the statements on its table:
   * every statement of the pool's connections, whoever sends it (MikroORM, or a prepared statement on the pool).
   */
  async function countRoundTrips(t: TestApp) {
    const storage = t.app.get<{ storage: ThrottlerStorage & Partial<HitsCountedNow> }>(RATE_LIMIT_STORAGE).storage;
    const asked = [jest.spyOn(storage, 'increment'), ...(storage.incrementNow ? [jest.spyOn(storage as HitsCountedNow, 'incrementNow')] : [])];
    const connection = t.app.get(MikroORM).em.getConnection();
    // pg-pool keeps the class its connections are made of as `Client` (@types/pg does not declare it).
    const pool = t.database.kind === 'postgresql' ? ((await connection.getNativeClient()) as Pool & { Client: typeof Client }) : undefined;
    const statements = pool && jest.spyOn(pool.Client.prototype, 'query');
    const textOf = (statement: unknown) => (typeof statement === 'string' ? statement : (statement as { text?: string }).text);
    return {
      counted: () => ({
        store: asked.reduce((calls, spy) => calls + spy.mock.calls.length, 0),
        statements: statements?.mock.calls.filter((call: unknown[]) => textOf(call[0])?.includes('rate_limit_counters')).length,
      }),
      stop: () => statements?.mockRestore(),
    };
  }

  const cases = [
    { limit: 'API_RATE_LIMIT', value: '5', send: (t: TestApp) => t.http.get('/api/v1/products') },
    { limit: 'AUTH_THROTTLE_LIMIT', value: '3', send: (t: TestApp) => t.http.post('/api/v1/auth/login', { email: 'nobody@test.example', password: 'whatever passphrase' }) },
  ];

  it.each(cases)('asks the store nothing once the client is past $limit', async ({ limit, value, send }) => {
    const t = await startTestApp({ env: { [limit]: value } });
    const roundTrips = await countRoundTrips(t);
    try {
      let reply = await send(t);
      for (let sent = 1; reply.status !== 429 && sent <= Number(value); sent++) reply = await send(t);
      expect(reply.status).toBe(429);
      const blocked = roundTrips.counted();
      expect(blocked.store).toBeGreaterThan(Number(value));
      // PostgreSQL holds the counters when there is no Redis: the spy sees their statements until the block.
      if (t.database.kind === 'postgresql') expect(blocked.statements).toBeGreaterThan(Number(value));
      for (let i = 0; i < 20; i++) {
        const refused = await send(t);
        expect(refused.status).toBe(429);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      }
      expect(roundTrips.counted()).toEqual(blocked);
    } finally {
      roundTrips.stop();
      await t.close();
    }
  });
});
