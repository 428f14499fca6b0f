import { newCustomer, pay, PASSWORD } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

describe('HTTP basics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness and readiness', async () => {
    expect((await t.http.get('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details.database.status).toBe('up');
  });

  it('exports request counts by route and status', async () => {
    await t.http.get('/health/live');
    const metrics = await t.http.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/http_requests_total\{method="GET",route="\/health\/live",status="200"\} \d+/);
    expect(metrics.text).toContain('http_request_duration_seconds_bucket');
    expect(metrics.text).toContain('process_resident_memory_bytes');
  });

  it('serves Swagger UI and an OpenAPI 3 document where every operation has an id', async () => {
    const ui = await t.http.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
    const document = (await t.http.get('/docs/openapi.json')).body;
    expect(document.openapi).toMatch(/^3\./);
    const operations = Object.values(document.paths).flatMap((ops: any) => Object.values(ops)) as any[];
    expect(operations.length).toBeGreaterThan(20);
    for (const operation of operations) expect(operation.operationId).toEqual(expect.any(String));
    expect(document.components.schemas.ProblemDto.required).toEqual(['type', 'title', 'status', 'detail', 'instance', 'traceId']);
  });

  it('refuses unknown body properties, naming them', async () => {
    const reply = await t.http.post('/api/v1/auth/register', { email: 'x@y.example', password: 'long enough passphrase', name: 'X', admin: true });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ field: 'admin', message: 'property admin should not exist' }]);
  });

  it('echoes a sane x-request-id and makes one up otherwise', async () => {
    const echoed = await t.http.get('/health/live', { headers: { 'x-request-id': 'client-trace-42' } });
    expect(echoed.headers['x-request-id']).toBe('client-trace-42');
    const generated = await t.http.get('/health/live', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers and no x-powered-by: an API set on every reply, a page set on Swagger UI', async () => {
    const [probe, page, asset] = await Promise.all(['/health/live', '/docs', '/docs/swagger-ui.css'].map((path) => t.http.get(path)));
    expect(probe.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(probe.headers['cross-origin-opener-policy']).toBeUndefined();
    for (const reply of [page, asset]) {
      expect(reply.status).toBe(200);
      expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
      expect(reply.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
      expect(reply.headers['cross-origin-opener-policy']).toBe('same-origin');
    }
    for (const reply of [probe, page, asset]) {
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('answers no origin a CORS header when CORS_ORIGINS is not set', async () => {
    const preflight = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/products', headers: { origin: 'https://shop.example', 'access-control-request-method': 'GET' } });
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/products', headers: { origin: 'https://shop.example' } });
    expect(preflight.statusCode).toBe(404);
    expect(read.statusCode).toBe(200);
    const corsHeaders = (reply: typeof read) => Object.keys(reply.headers).filter((name) => name.startsWith('access-control-'));
    expect([...corsHeaders(preflight), ...corsHeaders(read)]).toEqual([]);
  });

  it('logs each API request with its id', async () => {
    await t.http.get('/api/v1/products', { headers: { 'x-request-id': 'trace-in-logs' } });
    expect(t.logs).toContainEqual(expect.objectContaining({ req: expect.objectContaining({ id: 'trace-in-logs' }), msg: 'request completed' }));
  });

  it('logs an API request however its path is spelled, and a path no route matched; never a probe', async () => {
    const spelled = await t.app.inject({ method: 'GET', url: '/%61pi/v1/products', headers: { 'x-request-id': 'trace-spelled' } });
    const unmatched = await t.app.inject({ method: 'GET', url: '/no-such-page', headers: { 'x-request-id': 'trace-unmatched' } });
    const probe = await t.app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'trace-probe' } });
    expect([spelled.statusCode, unmatched.statusCode, probe.statusCode]).toEqual([200, 404, 200]);
    const linesOf = (id: string) => t.logs.filter((line) => (line.req as { id?: string } | undefined)?.id === id && String(line.msg).startsWith('request '));
    expect(linesOf('trace-spelled')).toEqual([expect.objectContaining({ req: expect.objectContaining({ url: '/%61pi/v1/products' }), statusCode: 200 })]);
    expect(linesOf('trace-unmatched')).toEqual([expect.objectContaining({ statusCode: 404 })]);
    expect(linesOf('trace-probe')).toEqual([]);
  });

  // No rate limit stands before a path no route matched: a scan of a thousand paths must not write a thousand lines.
  it('logs a flood of requests that matched no route once a second, counting the rest', async () => {
    const scanned = () => t.logs.filter((line) => String((line.req as { url?: string } | undefined)?.url).startsWith('/scanned-')) as Array<{ msg: string; unmatchedUnlogged: number }>;
    const started = Date.now();
    for (let i = 0; i < 50; i++) expect((await t.app.inject({ method: 'POST', url: `/scanned-${i}` })).statusCode).toBe(404);
    const seconds = Math.ceil((Date.now() - started) / 1_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await t.app.inject({ method: 'POST', url: '/scanned-after' });
    // A line a second at most, each counting the requests left out since the one before: all 51 are accounted for.
    const lines = scanned();
    expect(lines.length).toBeLessThanOrEqual(seconds + 1);
    expect(lines.every((line) => line.msg === 'request matched no route')).toBe(true);
    expect(lines.reduce((requests, line) => requests + 1 + line.unmatchedUnlogged, 0)).toBe(51);
  });

  it('logs no credential: password, access or refresh token, idempotency key', async () => {
    const customer = await newCustomer(t.http, 'Logged');
    const key = 'idempotency-key-that-must-not-be-logged';
    // Refused requests are logged at warn, with the request: each of these carries a credential.
    expect((await pay(t.http, customer.token, '00000000-0000-7000-8000-000000000000', 'pm_card_visa', key)).status).toBe(404);
    expect((await t.http.post('/api/v1/auth/refresh', { refreshToken: `${customer.refreshToken}x` })).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/login', { email: customer.email, password: `${PASSWORD}x` })).status).toBe(401);
    const logged = JSON.stringify(t.logs);
    expect(t.logs.filter((line) => line.msg === 'request completed').length).toBeGreaterThan(3);
    for (const secret of [customer.token, customer.refreshToken, PASSWORD, key]) expect(logged).not.toContain(secret);
  });
});
