import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ClusterClient } from '../support/cluster-client';
import { ADMIN, PASSWORD } from '../support/journeys';
import { type RunningProcess, startInstance, startNats } from '../support/service-processes';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { verifiedPayload, WebhookReceiver } from '../support/webhook-receiver';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const TIMEOUT_MS = 2_000;

/**
 * Three instances deliver webhooks from one database: every instance's job claims due deliveries with SKIP LOCKED,
 * so the receiver sees each event once per attempt, and one attempt per event when nothing fails. An instance
 * killed in the middle of attempts loses none: its leases run out and another instance attempts them again, with the
 * same webhook-id.
 */
describe('Webhooks delivered by three instances', () => {
  let database: TestDatabase;
  let nats: Awaited<ReturnType<typeof startNats>>;
  let instances: RunningProcess[] = [];
  let receiver: WebhookReceiver;
  let api: ClusterClient;
  let adminToken: string;
  let sql: Client;

  const placeOrders = async (count: number, path: string) => {
    const endpoint = await api.post('/webhook-endpoints', { url: receiver.url(path), events: ['order.placed'] }, { token: adminToken });
    expect(endpoint.status).toBe(201);
    const sku = `WH-${randomUUID().slice(0, 8).toUpperCase()}`;
    const product = await api.post('/products', { sku, name: `Webhook ${sku}`, price: { amount: 1000, currency: 'USD' }, stock: 1000 }, { token: adminToken });
    const email = `hooks-${randomUUID()}@test.example`;
    expect((await api.post('/auth/register', { email, password: PASSWORD, name: 'Hooked' })).status).toBe(201);
    const token = await api.logIn(email, PASSWORD);
    const orders = await Promise.all(
      Array.from({ length: count }, () => api.post('/orders', { items: [{ productId: product.body.id, quantity: 1 }] }, { token })),
    );
    expect(orders.every((order) => order.status === 201)).toBe(true);
    return { endpointId: endpoint.body.id as string, secret: endpoint.body.secret as string, orderIds: orders.map((order) => order.body.id as string) };
  };

  /**
   * Each delivery of the endpoint: its event, status and attempts, once there is one per event and none is pending
   * (an event whose broker message died unacknowledged with an instance is redelivered after JetStream's 30 s ack wait).
   */
  const settledDeliveries = async (endpointId: string, events: number) => {
    const read = () =>
      sql.query<{ event_id: string; status: string; attempts: number }>('select event_id, status, attempts from webhook_deliveries where endpoint_id = $1', [endpointId]);
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await pause(250)) {
      const { rows } = await read();
      if (rows.length === events && rows.every((row) => row.status !== 'pending')) return rows;
    }
    throw new Error(`not every one of ${events} events delivered within 60 s`);
  };
  const eventIdsOf = async (orderIds: string[]) =>
    (await sql.query<{ id: string }>(`select id from outbox_events where type = 'order.placed' and aggregate_id = any($1::uuid[])`, [orderIds])).rows.map((row) => row.id).sort();
  const receivedIds = (path: string) => receiver.at(path).map((webhook) => String(webhook.headers['webhook-id']));

  beforeAll(async () => {
    database = await createTestDatabase();
    if (!database.url) throw new Error('The cluster tests need PostgreSQL: set TEST_DATABASE_URL (npm run test:cluster does).');
    receiver = await WebhookReceiver.start();
    nats = await startNats();
    const env = {
      DATABASE_URL: database.url,
      NATS_URL: nats.url,
      OUTBOX_RELAY_INTERVAL_MS: '50',
      WEBHOOK_DELIVERY_INTERVAL_MS: '50',
      WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', // the receiver is on loopback
      WEBHOOK_ALLOW_HTTP: 'true',
      MAX_OPEN_ORDERS: '1000',
    };
    instances = await Promise.all([startInstance(env), startInstance(env), startInstance(env)]);
    api = new ClusterClient(instances.map((instance) => instance.url));
    adminToken = await api.logIn(ADMIN.email, ADMIN.password);
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all(instances.map((instance) => instance.stop()));
    await nats?.stop();
    nats?.removeStore();
    await receiver?.close();
    await database?.drop();
  });

  it('delivers each event once, signed, whichever instance attempts it', async () => {
    const { endpointId, secret, orderIds } = await placeOrders(40, '/steady');
    const deliveries = await settledDeliveries(endpointId, 40);

    const events = await eventIdsOf(orderIds);
    expect(events).toHaveLength(40);
    expect(deliveries.map((delivery) => delivery.event_id).sort()).toEqual(events);
    expect(deliveries.every((delivery) => delivery.status === 'succeeded' && delivery.attempts === 1)).toBe(true);
    expect(receivedIds('/steady').sort()).toEqual(events);
    for (const webhook of receiver.at('/steady')) expect(verifiedPayload(secret, webhook).type).toBe('order.placed');
  }, 90_000);

  it('loses no event when an instance is killed in the middle of attempts: its leases run out and another instance attempts them', async () => {
    receiver.answerAt('/slow', () => ({ status: 200, delayMs: 800 }));
    const { endpointId, secret, orderIds } = await placeOrders(30, '/slow');
    for (const deadline = Date.now() + 15_000; receiver.at('/slow').length < 3 && Date.now() < deadline; ) await pause(20);
    expect(receiver.at('/slow').length).toBeGreaterThanOrEqual(3);
    await instances[0].stop('SIGKILL'); // its attempts in flight die with it, their answers never recorded

    const deliveries = await settledDeliveries(endpointId, 30);
    const events = await eventIdsOf(orderIds);
    expect(deliveries.map((delivery) => delivery.event_id).sort()).toEqual(events);
    expect(deliveries.every((delivery) => delivery.status === 'succeeded')).toBe(true);
    const seen = new Map<string, number>();
    for (const id of receivedIds('/slow')) seen.set(id, (seen.get(id) ?? 0) + 1);
    expect([...seen.keys()].sort()).toEqual(events);
    // Once per attempt at most: an event is seen again only when an attempt's outcome was lost with the instance.
    for (const delivery of deliveries) expect(seen.get(delivery.event_id)).toBeLessThanOrEqual(delivery.attempts);
    expect(deliveries.filter((delivery) => delivery.attempts === 1).every((delivery) => seen.get(delivery.event_id) === 1)).toBe(true);
    for (const webhook of receiver.at('/slow')) expect(verifiedPayload(secret, webhook).type).toBe('order.placed');
    // The killed instance held deliveries (each instance takes its five to the endpoint at once): their leases ran out and another
    // instance took them over, attempting each again (with the same webhook-id, checked above).
    expect(deliveries.filter((delivery) => delivery.attempts > 1).length).toBeGreaterThan(0);
  }, 120_000);
});
