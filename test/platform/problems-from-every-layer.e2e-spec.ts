import { once } from 'node:events';
import { connect } from 'node:net';
import type { Reply } from '../support/http-client';
import { parseRawReply, type RawReply, rawExchange } from '../support/raw-http';
import { newCustomer } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Every error is an RFC 9457 problem, whichever layer refuses the request: Node's HTTP parser, Fastify's router,
 * its content-type parser and body limit, Nest's routing, or the application. None names a library or shows a stack.
 */
/** Short, so that a request sent too slowly is cut within the test. */
const REQUEST_TIMEOUT_MS = 1000;

describe('Problems from every layer', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp({ env: { HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(() => t.close());

  const errorLines = () => t.logs.filter((line) => Number(line.level) >= 50);

  /** What leaks internals: a library's name or error code, SQL, a stack frame. */
  const internals = /\b(fastify|nest(js)?|node|pg|postgres(ql)?|pglite|mikro-?orm|class-validator|select|insert|FST_\w+|HPE_\w+|ERR_\w+)\b|\n\s+at /i;

  const expectProblem = (reply: Reply | RawReply, status: number, instance: string) => {
    expect(reply.status).toBe(status);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(reply.text);
    expect(body).toEqual({
      type: 'about:blank',
      title: expect.any(String),
      status,
      detail: expect.any(String),
      instance,
      traceId: reply.headers['x-request-id'],
    });
    expect(body.detail).not.toMatch(internals);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    return body;
  };

  describe('the router', () => {
    it('answers a path parameter longer than the router accepts with a documented 414 problem', async () => {
      const path = `/api/v1/products/${'a'.repeat(201)}`;
      const reply = await t.http.get(path);
      expect(expectProblem(reply, 414, path)).toMatchObject({ title: 'URI Too Long', detail: 'A path parameter is longer than 200 characters.' });
    });

    it('cuts the instance of a very long address to the documented bound', async () => {
      const reply = await t.http.get(`/api/v1/orders/${'b'.repeat(5000)}`);
      expectProblem(reply, 414, `/api/v1/orders/${'b'.repeat(2048 - '/api/v1/orders/'.length)}`);
    });

    it('answers a path that is not validly percent-encoded with a 400 problem', async () => {
      const reply = await t.http.get('/api/v1/products/%zz');
      expect(expectProblem(reply, 400, '/api/v1/products/%25zz').detail).toBe('The path is not validly percent-encoded.');
    });

    it('answers an unknown route with a 404 problem', async () => {
      const reply = await t.http.get('/api/v1/no-such-thing');
      expect(expectProblem(reply, 404, '/api/v1/no-such-thing').detail).toBe('No resource exists at this address.');
      expectProblem(await t.http.get('/no-such-thing'), 404, '/no-such-thing');
    });

    it('answers a method a path does not have with a 404 problem, as GitHub does', async () => {
      expectProblem(await t.http.request('PATCH', '/api/v1/products', { name: 'x' }, {}), 404, '/api/v1/products');
      expectProblem(await t.http.delete('/api/v1/auth/login'), 404, '/api/v1/auth/login');
    });
  });

  describe('the body parser', () => {
    const post = (payload: string, headers: Record<string, string>) => t.http.post('/api/v1/auth/register', undefined, { payload, headers });

    it('answers a body that is not JSON with a 415 problem', async () => {
      const reply = await post('email=a@b.example', { 'content-type': 'text/plain' });
      expect(expectProblem(reply, 415, '/api/v1/auth/register')).toMatchObject({ title: 'Unsupported Media Type', detail: 'Bodies must be sent as application/json.' });
      expectProblem(await post('email=a@b.example', { 'content-type': 'application/x-www-form-urlencoded' }), 415, '/api/v1/auth/register');
    });

    // Parsed as JSON, a gzip body was "not valid JSON" (400); Fastify decompresses nothing.
    it('answers a compressed body with a 415 problem naming the coding it takes', async () => {
      const body = JSON.stringify({ email: 'coded@test.example' });
      const reply = await post(body, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      expect(expectProblem(reply, 415, '/api/v1/auth/register').detail).toBe('Bodies must be sent uncompressed (Content-Encoding: identity, or none).');
      expect(reply.headers['accept-encoding']).toBe('identity');
      expect((await post(body, { 'content-type': 'application/json', 'content-encoding': 'identity' })).status).toBe(400); // no password: read, and refused as a body
    });

    // JSON is UTF-8: a body declared in another charset was read as UTF-8 whatever it held.
    it('answers a body in a charset other than UTF-8 with a 415 problem, and takes UTF-8 by its names, ASCII, and no body', async () => {
      const body = JSON.stringify({ email: 'charset@test.example' });
      for (const charset of ['utf-16', 'ISO-8859-1', '"latin1"']) {
        const reply = await post(body, { 'content-type': `application/json; charset=${charset}` });
        expect({ charset, detail: expectProblem(reply, 415, '/api/v1/auth/register').detail }).toEqual({ charset, detail: 'JSON bodies must be UTF-8 (charset=utf-8, or none).' });
      }
      for (const charset of ['utf-8', 'UTF-8', '"utf-8"', 'utf8', 'us-ascii']) {
        expect((await post(body, { 'content-type': `application/json; charset=${charset}` })).status).toBe(400); // read: no password
      }
      const empty = await post('', { 'content-type': 'application/json; charset=utf-16' });
      expect(expectProblem(empty, 400, '/api/v1/auth/register').detail).toBe('The body must not be empty when Content-Type is application/json.');
    });

    // Read as `{}` by the validation pipe, a missing or null body was a change of nothing: 200.
    it('answers a PATCH without changes to make, no body or null, with a 400 problem', async () => {
      const customer = await newCustomer(t.http);
      const patch = (payload: string | undefined) =>
        t.http.request<{ type: string; errors: unknown; name: string }>('PATCH', '/api/v1/users/me', undefined, { token: customer.token, payload, headers: payload === undefined ? {} : { 'content-type': 'application/json' } });
      for (const reply of [await patch('null'), await patch(undefined)]) {
        expect([reply.status, reply.body.type, reply.body.errors]).toEqual([
          400,
          expect.stringMatching(/\/validation-failed$/),
          [{ field: 'body', message: 'body must be a JSON object of the fields to change' }],
        ]);
      }
      expect((await patch(JSON.stringify({ name: 'Changed' }))).body.name).toBe('Changed');
    });

    it('answers malformed JSON with a 400 problem of its own words', async () => {
      const reply = await post('{"email": ', { 'content-type': 'application/json' });
      expect(expectProblem(reply, 400, '/api/v1/auth/register')).toMatchObject({ title: 'Bad Request', detail: 'The body is not valid JSON.' });
      const prototype = await post('{"__proto__": {"role": "admin"}}', { 'content-type': 'application/json' });
      expect(expectProblem(prototype, 400, '/api/v1/auth/register').detail).toBe('The body is not valid JSON.');
    });

    it('answers an empty JSON body with a 400 problem', async () => {
      const reply = await post('', { 'content-type': 'application/json' });
      expect(expectProblem(reply, 400, '/api/v1/auth/register').detail).toBe('The body must not be empty when Content-Type is application/json.');
    });

    it('answers a body shorter than its Content-Length with a 400 problem', async () => {
      const reply = await post('{}', { 'content-type': 'application/json', 'content-length': '5' });
      expect(expectProblem(reply, 400, '/api/v1/auth/register').detail).toBe('The body is not as long as Content-Length says.');
    });

    it('answers a body over 1 MiB with a 413 problem', async () => {
      const big = JSON.stringify({ email: 'a@b.example', password: 'x'.repeat(2 * 1024 * 1024), name: 'Big' });
      const reply = await post(big, { 'content-type': 'application/json' });
      expect(expectProblem(reply, 413, '/api/v1/auth/register')).toMatchObject({ title: 'Payload Too Large', detail: 'The body is larger than the 1 MiB limit.' });
    });
  });

  describe("Node's HTTP parser, on a real connection", () => {
    it('answers request headers larger than the server accepts with a 431 problem', async () => {
      const reply = await rawExchange(port, `GET /api/v1/products HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(expectProblem(reply, 431, '/api/v1/products')).toMatchObject({ title: 'Request Header Fields Too Large' });
      expect(reply.headers.connection).toBe('close');
      expect(() => t.http.contract.check('GET', '/api/v1/products', reply.status, reply.headers['content-type'], reply.text)).not.toThrow();
    });

    it('answers an address longer than the server accepts with a 431 problem', async () => {
      const reply = await rawExchange(port, `GET /api/v1/products?search=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
      expect(expectProblem(reply, 431, '/api/v1/products').detail).toBe('The request line and headers are larger than the server accepts.');
    });

    it('answers a body that does not arrive within HTTP_REQUEST_TIMEOUT_MS with a 408 problem, and closes the connection', async () => {
      const started = Date.now();
      // Ten bytes of the hundred announced, then nothing: a client trickling its body, or gone without closing.
      const reply = await rawExchange(
        port,
        `POST /api/v1/auth/register HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email": `,
      );
      expect(expectProblem(reply, 408, '/api/v1/auth/register')).toMatchObject({ title: 'Request Timeout' });
      expect(reply.headers.connection).toBe('close');
      expect(() => t.http.contract.check('POST', '/api/v1/auth/register', reply.status, reply.headers['content-type'], reply.text)).not.toThrow();
      expect(Date.now() - started).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS);
    });

    it('answers bytes that are not HTTP with a 400 problem', async () => {
      const reply = await rawExchange(port, 'NOT HTTP AT ALL\r\n\r\n');
      expect(expectProblem(reply, 400, '/')).toMatchObject({ title: 'Bad Request', detail: 'The request is invalid.' });
    });
  });

  it('logged none of these as an error of the server', () => {
    expect(errorLines()).toEqual([]);
  });

  // Last: it closes the server.
  it('refuses a request that arrives on a kept-alive connection while the server closes with a 503 problem', async () => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    const closed = once(socket, 'close');
    const body = JSON.stringify({ email: 'nobody@example.com', password: 'not the password' });
    socket.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`);
    // Node answers 100 Continue once the request is routed: it is in flight when the server starts closing.
    while (!received.includes('100 Continue')) await once(socket, 'data');
    const closing = t.app.getHttpAdapter().getInstance().close();
    socket.write(`${body}GET /api/v1/products HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    await closed;
    await closing;
    const [, loggingIn, refused] = received.split(/(?=HTTP\/1\.1 \d{3} )/).map(parseRawReply);
    expect(loggingIn.status).toBe(401);
    expect(refused).toMatchObject({ status: 503, headers: { connection: 'close', 'retry-after': '5', 'content-type': expect.stringMatching(/^application\/problem\+json/) } });
    expect(JSON.parse(refused.text)).toEqual({
      type: 'https://commerce-backend.dev/problems/service-unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: expect.any(String),
      instance: '/api/v1/products',
      traceId: refused.headers['x-request-id'],
    });
  });
});
