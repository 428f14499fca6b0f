import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Pool } from 'pg';
import { asAdmin, newCustomer, newProduct, placeOrder } from '../support/journeys';
import { startTestAppOnOwnPostgres } from '../support/test-app';
import { MikroORM } from '../support/built';

describe('PostgreSQL stopped and started under load', () => {
  let t: Awaited<ReturnType<typeof startTestAppOnOwnPostgres>>;
  beforeAll(async () => {
    t = await startTestAppOnOwnPostgres({ DB_CONNECT_TIMEOUT_MS: '1000', MAX_OPEN_ORDERS: '1000' });
  }, 60_000);
  afterAll(() => t?.close());

  it('fails fast with 503s while it is down, recovers by itself, and loses no acknowledged order', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const product = await newProduct(t.http, admin.token, { stock: 100_000 });
    const acknowledged: string[] = [];
    const statuses = new Map<number, number>();
    let slowest = 0;
    let running = true;
    let restarted = false;
    let placedSinceRestart = 0;

    const client = async () => {
      while (running) {
        const started = Date.now();
        const afterRestart = restarted;
        const reply = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 1 }]);
        if (afterRestart && reply.status === 201) placedSinceRestart += 1;
        slowest = Math.max(slowest, Date.now() - started);
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        if (reply.status === 201) acknowledged.push(reply.body.id);
        else expect(reply.status).toBe(503);
      }
    };
    const clients = [client(), client(), client(), client()];
    await new Promise((r) => setTimeout(r, 1000));
    await t.postgres.stop();
    await new Promise((r) => setTimeout(r, 2000));
    await t.postgres.start();
    restarted = true;
    for (let i = 0; i < 120 && (await t.http.get('/health/ready')).status !== 200; i++) await new Promise((r) => setTimeout(r, 250));
    expect((await t.http.get('/health/ready')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    running = false;
    await Promise.all(clients);

    expect(statuses.get(503)).toBeGreaterThan(0);
    // Recovered by itself: orders sent once the database was back were placed.
    expect(placedSinceRestart).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(10_000);
    const em = t.app.get(MikroORM).em.fork() as SqlEntityManager;
    const stored = new Set((await em.execute<Array<{ id: string }>>('select id from orders')).map((row) => row.id));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    const [{ stock }] = await em.execute<Array<{ stock: number }>>('select stock from products where id = ?', [product.id]);
    expect(100_000 - stock).toBe(stored.size);

    // Transactions cut off by the outage gave their connections back (infrastructure/persistence/checked-out-connections.ts):
    // nothing stays checked out once the load is over, so no pool slot was lost.
    const pool = (await t.app.get(MikroORM).em.getConnection().getNativeClient()) as Pool;
    for (let i = 0; i < 40 && pool.totalCount - pool.idleCount > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect({ checkedOut: pool.totalCount - pool.idleCount, waiting: pool.waitingCount }).toEqual({ checkedOut: 0, waiting: 0 });
  });
});
