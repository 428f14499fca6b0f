import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, get } from 'node:http';
import { connect } from 'node:net';
import { freePort, spawnShipped, untilReady } from '../support/service-processes';
import { WebhookReceiver } from '../support/webhook-receiver';

/**
 * The describe's own shipped app with its demo data, on an embedded database in a directory of its own: started with
 * `env()` before its tests, killed and its directory removed after. Its `app` and `port` are set once it is ready.
 */
function ownDemoApp(prefix: string, env: () => Record<string, string>): { app: ChildProcess; port: number } {
  const demo = {} as { app: ChildProcess; port: number };
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  beforeAll(async () => {
    demo.port = await freePort();
    demo.app = spawnShipped({ NODE_ENV: 'test', PORT: String(demo.port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO_DATA: 'true', ...env() });
    await untilReady(demo.app, demo.port);
  }, 60_000);
  afterAll(() => {
    demo.app?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });
  return demo;
}

describe('SIGTERM', () => {
  const demo = ownDemoApp('cb-test-shutdown-', () => ({ PAYMENT_GATEWAY_LATENCY_MS: '1500' }));

  const call = async (path: string, body?: object, token?: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`http://127.0.0.1:${demo.port}/api/v1${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('lets every request in flight finish under load, then exits cleanly', async () => {
    const login = await call('/auth/login', { email: 'customer@example.com', password: 'demo-customer-password' });
    const token = login.body.accessToken;
    const products = await call('/products?search=mug');
    const orders = [];
    for (let i = 0; i < 10; i++) {
      const order = await call('/orders', { items: [{ productId: products.body.items[0].id, quantity: 1 }] }, token);
      expect(order.status).toBe(201);
      orders.push(order.body.id);
    }

    // Ten payments wait on the gateway and twenty reads run when the signal arrives.
    const inFlight = [
      ...orders.map((id) => call(`/orders/${id}/payments`, { paymentMethod: 'pm_card_visa' }, token, { 'idempotency-key': `in-flight-${id}` })),
      ...Array.from({ length: 20 }, () => call('/products?limit=20')),
    ];
    // Each payment commits its pending transaction before it calls the gateway: ten pending means ten in flight.
    const pendingCount = async () => (await call('/transactions?status=pending&limit=100', undefined, token)).body.items.length;
    for (let i = 0; i < 100 && (await pendingCount()) < orders.length; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await pendingCount()).toBe(orders.length);
    const exited = once(demo.app, 'exit');
    demo.app.kill('SIGTERM');

    const replies = await Promise.all(inFlight);
    expect(replies.map((r) => r.status)).toEqual([...orders.map(() => 201), ...Array.from({ length: 20 }, () => 200)]);
    const [code] = await exited;
    expect(code).toBe(0);
  });
});

/** Status and headers of a GET on a kept-alive connection of its own (fetch hides the Connection header). */
const rawGet = (url: string) =>
  new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
    const agent = new Agent({ keepAlive: true });
    get(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => {
        agent.destroy();
        resolve({ status: response.statusCode!, headers: response.headers });
      });
    }).on('error', reject);
  });

describe('SIGTERM while a background job finishes its work', () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    receiver.answerAt('/slow', () => ({ status: 200, delayMs: 4_000 }));
  });
  afterAll(() => receiver.close());
  const demo = ownDemoApp('cb-test-drain-', () => ({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_DELIVERY_INTERVAL_MS: '100' }));

  const post = async (path: string, body: object, token?: string) =>
    (await fetch(`http://127.0.0.1:${demo.port}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }).then((response) => response.json())) as any;

  // The instance kept saying it was ready, and closed kept-alive connections under its clients every 100 ms, for as
  // long as the job took: 8 to 30 s of requests reset without an answer.
  it('says it is not ready and closes each connection after its reply, while it still serves', async () => {
    const admin = await post('/auth/login', { email: 'admin@example.com', password: 'demo-admin-password' });
    await post('/webhook-endpoints', { url: receiver.url('/slow'), events: ['order.placed'] }, admin.accessToken);
    const customer = await post('/auth/login', { email: 'customer@example.com', password: 'demo-customer-password' });
    const products = (await fetch(`http://127.0.0.1:${demo.port}/api/v1/products`).then((response) => response.json())) as any;
    await post('/orders', { items: [{ productId: products.items[0].id, quantity: 1 }] }, customer.accessToken);
    for (let i = 0; i < 200 && receiver.at('/slow').length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(receiver.at('/slow')).toHaveLength(1); // the attempt waits 4 s for its answer

    const before = await rawGet(`http://127.0.0.1:${demo.port}/api/v1/products`);
    expect([before.status, before.headers.connection]).toEqual([200, 'keep-alive']);
    const exited = once(demo.app, 'exit');
    demo.app.kill('SIGTERM');
    let ready = await rawGet(`http://127.0.0.1:${demo.port}/health/ready`);
    for (let i = 0; i < 100 && ready.status !== 503; i++) {
      await new Promise((r) => setTimeout(r, 20));
      ready = await rawGet(`http://127.0.0.1:${demo.port}/health/ready`);
    }
    const read = await rawGet(`http://127.0.0.1:${demo.port}/api/v1/products`);
    expect([ready.status, read.status, read.headers.connection]).toEqual([503, 200, 'close']);
    expect(demo.app.exitCode).toBeNull(); // still draining: the attempt has not been answered yet
    const [code] = await exited;
    expect(code).toBe(0);
  });
});

describe('SIGTERM with SHUTDOWN_DRAIN_MS', () => {
  const DRAIN_MS = 2_000;
  const demo = ownDemoApp('cb-test-drain-delay-', () => ({ SHUTDOWN_DRAIN_MS: String(DRAIN_MS) }));

  // With nothing in the background an instance closed its listener at once: a load balancer polling readiness every
  // few seconds still sent it connections, which were refused.
  it('fails readiness and still takes new connections for that long, with nothing in the background, then exits', async () => {
    const exited = once(demo.app, 'exit');
    const signalled = Date.now();
    demo.app.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, DRAIN_MS / 2));
    const ready = await rawGet(`http://127.0.0.1:${demo.port}/health/ready`);
    const read = await rawGet(`http://127.0.0.1:${demo.port}/api/v1/products`);
    expect([ready.status, read.status, read.headers.connection]).toEqual([503, 200, 'close']);
    const [code] = await exited;
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(DRAIN_MS);
  });
});

describe('SIGTERM with a request that never arrives whole', () => {
  const REQUEST_TIMEOUT_MS = 1_000;
  const demo = ownDemoApp('cb-test-stalled-', () => ({ HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) }));

  /** A connection that sends `text` and then nothing; resolves when the server closes it. */
  const stalled = async (text: string) => {
    const socket = connect(demo.port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(text);
    socket.on('error', () => undefined); // cut: a reset is as good as a close here
    return once(socket, 'close');
  };

  // Node stops checking the request timeout once its server closes: a client that had sent half a body held the
  // process open for as long as it kept the connection.
  it('cuts a half-sent body and half-sent headers a request timeout after the signal, then exits', async () => {
    const halfBody = stalled('POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"em');
    const halfHeaders = stalled('GET /api/v1/products HTTP/1.1\r\nHos');
    await new Promise((r) => setTimeout(r, 100));
    const exited = once(demo.app, 'exit');
    const signalled = Date.now();
    demo.app.kill('SIGTERM');
    await Promise.all([halfBody, halfHeaders]);
    const [code] = await exited;
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(REQUEST_TIMEOUT_MS + 5_000);
  }, 30_000);
});
