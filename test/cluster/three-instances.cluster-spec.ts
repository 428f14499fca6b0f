import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ClusterClient } from '../support/cluster-client';
import { ADMIN, PASSWORD } from '../support/journeys';
import { type RunningProcess, startInstance, startNats, startRedis } from '../support/service-processes';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Three instances of the built app on three ports, one PostgreSQL database, one Redis and one NATS: the
 * money-and-stock guarantees and the session rules must hold exactly with requests spread across all three.
 */
describe('Three instances behind one database', () => {
  let database: TestDatabase;
  let services: RunningProcess[] = [];
  let natsStore: (() => void) | undefined;
  let instances: RunningProcess[] = [];
  let api: ClusterClient;
  let adminToken: string;
  let sql: Client;

  const newCustomer = async () => {
    const email = `cluster-${randomUUID()}@test.example`;
    expect((await api.post('/auth/register', { email, password: PASSWORD, name: 'Cluster customer' })).status).toBe(201);
    return { email, token: await api.logIn(email, PASSWORD) };
  };
  const newProduct = async (stock: number, price = 1000) => {
    const sku = `CL-${randomUUID().slice(0, 8).toUpperCase()}`;
    const reply = await api.post('/products', { sku, name: `Cluster ${sku}`, price: { amount: price, currency: 'USD' }, stock }, { token: adminToken });
    expect(reply.status).toBe(201);
    return reply.body.id as string;
  };
  const statuses = (replies: Array<{ status: number }>) =>
    replies.reduce<Record<number, number>>((counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

  beforeAll(async () => {
    database = await createTestDatabase();
    if (!database.url) throw new Error('The cluster tests need PostgreSQL: set TEST_DATABASE_URL (npm run test:cluster does).');
    const [redis, nats] = await Promise.all([startRedis(), startNats()]);
    services = [redis, nats];
    natsStore = nats.removeStore;
    const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, NATS_URL: nats.url, AUTH_THROTTLE_LIMIT: '1000', MAX_OPEN_ORDERS: '1000' };
    instances = await Promise.all([startInstance(env), startInstance(env), startInstance(env)]);
    api = new ClusterClient(instances.map((instance) => instance.url));
    adminToken = await api.logIn(ADMIN.email, ADMIN.password);
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all(instances.map((instance) => instance.stop()));
    await Promise.all(services.map((service) => service.stop()));
    natsStore?.();
    await database?.drop();
  });

  it('never oversells: 150 concurrent orders for 50 in stock, spread across the instances', async () => {
    const productId = await newProduct(50);
    const customers = await Promise.all(Array.from({ length: 10 }, newCustomer));
    const replies = await Promise.all(
      Array.from({ length: 150 }, (_, i) => api.post('/orders', { items: [{ productId, quantity: 1 }] }, { token: customers[i % 10].token })),
    );
    expect(statuses(replies)).toEqual({ 201: 50, 409: 100 });
    expect(new Set(replies.map((reply) => reply.instance))).toEqual(new Set([0, 1, 2]));
    expect((await api.get(`/products/${productId}`, { token: adminToken })).body.stock).toBe(0);
  });

  it('charges an order once: concurrent payments with different keys on different instances', async () => {
    const customer = await newCustomer();
    const productId = await newProduct(10, 2500);
    const order = await api.post('/orders', { items: [{ productId, quantity: 1 }] }, { token: customer.token });
    const replies = await Promise.all(
      Array.from({ length: 12 }, () =>
        api.post(`/orders/${order.body.id}/payments`, { paymentMethod: 'pm_card_visa' }, { token: customer.token, headers: { 'idempotency-key': randomUUID() } }),
      ),
    );
    expect(statuses(replies)[201]).toBe(1);
    expect(replies.every((reply) => reply.status === 201 || reply.status === 409)).toBe(true);
    const { rows } = await sql.query("select count(*)::int as n from transactions where order_id = $1 and type = 'payment' and status = 'succeeded'", [order.body.id]);
    expect(rows[0].n).toBe(1);
  });

  it('replays one idempotency key across instances instead of charging again', async () => {
    const customer = await newCustomer();
    const productId = await newProduct(10, 700);
    const order = await api.post('/orders', { items: [{ productId, quantity: 1 }] }, { token: customer.token });
    const key = randomUUID();
    const pay = (instance: number) =>
      api.post(`/orders/${order.body.id}/payments`, { paymentMethod: 'pm_card_visa' }, { token: customer.token, headers: { 'idempotency-key': key }, instance });
    const first = await pay(0);
    const replays = await Promise.all([pay(1), pay(2)]);
    expect(first.status).toBe(201);
    expect(replays.map((reply) => [reply.status, reply.body.id])).toEqual([
      [201, first.body.id],
      [201, first.body.id],
    ]);
  });

  it('never refunds more than was paid: concurrent refunds across the instances', async () => {
    const customer = await newCustomer();
    const productId = await newProduct(10, 1000);
    const order = await api.post('/orders', { items: [{ productId, quantity: 1 }] }, { token: customer.token });
    const paid = await api.post(`/orders/${order.body.id}/payments`, { paymentMethod: 'pm_card_visa' }, { token: customer.token, headers: { 'idempotency-key': randomUUID() } });
    expect(paid.status).toBe(201);
    const replies = await Promise.all(
      Array.from({ length: 12 }, () =>
        api.post(`/orders/${order.body.id}/refunds`, { amount: { amount: 300, currency: 'USD' }, reason: 'Cluster test' }, { token: adminToken, headers: { 'idempotency-key': randomUUID() } }),
      ),
    );
    expect(statuses(replies)).toEqual({ 201: 3, 409: 9 });
    const { rows } = await sql.query("select coalesce(sum(amount), 0)::int as refunded from transactions where order_id = $1 and type = 'refund' and status <> 'failed'", [order.body.id]);
    expect(rows[0].refunded).toBe(900);
  });

  it('honours a logout on one instance at once on the others', async () => {
    const customer = await newCustomer();
    for (const instance of [0, 1, 2]) expect((await api.get('/users/me', { token: customer.token, instance })).status).toBe(200);
    expect((await api.post('/auth/logout', undefined, { token: customer.token, instance: 0 })).status).toBe(204);
    for (const instance of [1, 2, 0]) expect((await api.get('/users/me', { token: customer.token, instance })).status).toBe(401);
  });

  it('counts failed logins across instances: the account locks after five, wherever they land', async () => {
    const customer = await newCustomer();
    const attempts = await Promise.all(
      [0, 1, 2, 0, 1].map((instance) => api.post('/auth/login', { email: customer.email, password: 'not the password at all' }, { instance })),
    );
    expect(attempts.map((reply) => reply.status)).toEqual([401, 401, 401, 401, 401]);
    for (const instance of [2, 0, 1]) {
      const locked = await api.post('/auth/login', { email: customer.email, password: PASSWORD }, { instance });
      expect(locked.status).toBe(429);
    }
  });

  it('shares the per-IP rate limit through Redis: the limit is the limit of all instances together', async () => {
    // Another /56 than the other tests' clients (someClientIp): limits count IPv6 clients by subnet, and the auth
    // routes share one budget, so their logins and registrations would count against this one's.
    const ip = '2001:db8:ffff::abcd:1';
    const limit = 1000; // AUTH_THROTTLE_LIMIT above
    const replies = [];
    for (let sent = 0; sent < limit + 2; sent += 100) {
      const batch = Math.min(100, limit + 2 - sent);
      replies.push(...(await Promise.all(Array.from({ length: batch }, () => api.post('/auth/refresh', { refreshToken: 'x' }, { ip })))));
    }
    expect(statuses(replies)).toEqual({ 401: limit, 429: 2 });
  });

  it('delivers every committed domain event through NATS to the audit log, once each', async () => {
    const deadline = Date.now() + 20_000;
    let counts = { committed: -1, unpublished: -1, audited: -2 };
    while (Date.now() < deadline) {
      const { rows } = await sql.query(
        `select (select count(*) from outbox_events)::int as committed,
                (select count(*) from outbox_events where published_at is null)::int as unpublished,
                (select count(*) from audit_log a join outbox_events o on o.id = a.event_id)::int as audited`,
      );
      counts = rows[0];
      if (counts.unpublished === 0 && counts.audited === counts.committed) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    // At least the 50 orders placed and the 15 accounts opened by the tests above.
    expect(counts.committed).toBeGreaterThanOrEqual(65);
    expect(counts).toEqual({ committed: counts.committed, unpublished: 0, audited: counts.committed });
  });
});
