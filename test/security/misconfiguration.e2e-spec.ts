import { randomUUID } from 'node:crypto';
import { RefusedClients } from '../support/built';
import { ADMIN } from '../support/journeys';
import { operationsOf } from '../support/openapi-walk';
import { startTestApp, type TestApp } from '../support/test-app';

/** OWASP API8 (security misconfiguration) and API9 (inventory). */
describe('Configuration and inventory', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CORS_ORIGINS: 'https://shop.example', API_RATE_LIMIT: '5' } });
  });
  afterAll(() => t.close());

  it('allows only the configured CORS origins', async () => {
    const allowed = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/products', headers: { origin: 'https://shop.example', 'access-control-request-method': 'GET' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://shop.example');
    const other = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/products', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  // @fastify/cors's default methods were GET, HEAD and POST: a browser page could not PATCH or DELETE anything.
  it('lets a page of a configured origin send every documented operation, with its bearer and idempotency key', async () => {
    const operations = operationsOf((await t.http.get('/docs/openapi.json')).body).filter((op) => op.template.startsWith('/api/v1/'));
    expect(new Set(operations.map((op) => op.method))).toEqual(new Set(['GET', 'POST', 'PATCH', 'DELETE']));
    for (const op of operations) {
      const preflight = await t.app.inject({
        method: 'OPTIONS',
        url: op.template.replace(/\{\w+\}/g, randomUUID()),
        headers: { origin: 'https://shop.example', 'access-control-request-method': op.method, 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
      });
      const allowed = String(preflight.headers['access-control-allow-methods']).split(/,\s*/);
      expect({ operation: `${op.method} ${op.template}`, status: preflight.statusCode, method: allowed.includes(op.method), headers: preflight.headers['access-control-allow-headers'] }).toEqual({
        operation: `${op.method} ${op.template}`,
        status: 204,
        method: true,
        headers: 'authorization,content-type,idempotency-key',
      });
    }
  });

  it('lets a page read its refusals past the rate limit, the ones answered before Nest too', async () => {
    const remembered = jest.spyOn(t.app.get(RefusedClients), 'remember');
    // A client of its own, so the other tests' requests do not count against its limit.
    const request = { method: 'GET' as const, url: `/api/v1/products/${randomUUID()}`, headers: { origin: 'https://shop.example' }, remoteAddress: '10.1.2.3' };
    const replies = [];
    for (let i = 0; i < 8; i++) replies.push(await t.app.inject(request));
    expect(replies.map((reply) => reply.statusCode)).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
    expect(remembered).toHaveBeenCalledTimes(1); // the last two were refused early (RefusedClients)
    for (const reply of replies) {
      expect(reply.headers['access-control-allow-origin']).toBe('https://shop.example');
      expect(String(reply.headers['access-control-expose-headers']).split(/,\s*/)).toContain('retry-after');
    }
    remembered.mockRestore();
  });

  // Without it a page's fetch reads no ETag, so an admin page could never send a product's change with If-Match.
  it('lets a page read a product\'s ETag and send it back as If-Match', async () => {
    const origin = 'https://shop.example';
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/products/${randomUUID()}`, headers: { origin }, remoteAddress: '10.1.2.4' });
    expect(String(read.headers['access-control-expose-headers']).split(/,\s*/)).toContain('etag');
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: `/api/v1/products/${randomUUID()}`,
      headers: { origin, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization,content-type,if-match' },
      remoteAddress: '10.1.2.4',
    });
    expect(preflight.headers['access-control-allow-origin']).toBe(origin);
    expect(String(preflight.headers['access-control-allow-headers']).split(/,\s*/)).toContain('if-match');
  });

  it('sends hardening headers and no technology banner on API replies', async () => {
    const reply = await t.http.get('/api/v1/products');
    expect(reply.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'referrer-policy': 'no-referrer',
      'strict-transport-security': expect.stringContaining('max-age='),
    });
    expect(reply.headers['x-powered-by']).toBeUndefined();
    expect(reply.headers.server).toBeUndefined();
  });

  it('lets no browser or proxy keep a reply that carries tokens', async () => {
    const login = await t.http.post('/api/v1/auth/login', { email: ADMIN.email, password: ADMIN.password });
    expect(login.status).toBe(200);
    expect(login.body.refreshToken).toEqual(expect.any(String));
    expect(login.headers['cache-control']).toBe('no-store');
  });

  it('keeps internals out of error replies', async () => {
    const replies = await Promise.all([
      t.http.get('/api/v1/products/not-a-uuid'),
      t.http.post('/api/v1/auth/login', undefined, { payload: '{"email":', headers: { 'content-type': 'application/json' } }),
      t.http.get('/api/v1/products?cursor=%%%'),
      t.http.get('/api/v1/orders', { token: 'eyJhbGciOiJIUzI1NiJ9.e30.x' }),
    ]);
    expect(replies.map((reply) => reply.status)).toEqual([400, 400, 400, 401]);
    for (const reply of replies) {
      expect(reply.text).not.toMatch(/stack|at \w+ \(|node_modules|mikro|postgres|select |fastify|nestjs|class-validator/i);
    }
  });

  it('documents every route it serves', async () => {
    // Nest logs each route it maps at start-up: "Mapped {/api/v1/orders/:id, GET} route".
    const served = t.logs
      .map((line) => /^Mapped \{(\S+), (\w+)\} route/.exec(String(line.msg)))
      .filter((match): match is RegExpExecArray => match !== null)
      .map(([, path, method]) => `${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
    const document = (await t.http.get('/docs/openapi.json')).body;
    const documented = new Set([
      ...operationsOf(document).map((op) => `${op.method} ${op.template}`),
      'GET /health/live',
      'GET /health/ready',
      'GET /metrics',
    ]);
    expect(served.length).toBeGreaterThan(20);
    expect(served.filter((route) => !documented.has(route))).toEqual([]);
  });

  it('serves every operation the document lists', async () => {
    const fastify = t.app.getHttpAdapter().getInstance();
    const document = (await t.http.get('/docs/openapi.json')).body;
    const missing = operationsOf(document).filter((op) => !fastify.hasRoute({ method: op.method, url: op.template.replace(/\{([^}]+)\}/g, ':$1') }));
    expect(missing.map((op) => `${op.method} ${op.template}`)).toEqual([]);
  });
});
