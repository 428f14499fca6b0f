import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnShipped, untilReady } from '../support/service-processes';

describe('SIGTERM', () => {
  let app: ChildProcess;
  let base: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'cb-test-shutdown-'));

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}/api/v1`;
    app = spawnShipped({
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED_DEMO_DATA: 'true',
      PAYMENT_GATEWAY_LATENCY_MS: '1500',
    });
    await untilReady(app, port);
  }, 60_000);
  afterAll(() => {
    app.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (path: string, body?: object, token?: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${path}`, {
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
    for (let i = 0; i < 100; i++) {
      const pending = await call('/transactions?status=pending&limit=100', undefined, token);
      if (pending.body.items.length === orders.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const exited = once(app, 'exit');
    app.kill('SIGTERM');

    const replies = await Promise.all(inFlight);
    expect(replies.map((r) => r.status)).toEqual([...orders.map(() => 201), ...Array.from({ length: 20 }, () => 200)]);
    const [code] = await exited;
    expect(code).toBe(0);
  });
});
