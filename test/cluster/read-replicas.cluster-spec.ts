import { Client } from 'pg';
import { asAdmin, newCustomer, newProduct, pay, placeOrder } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * DATABASE_REPLICA_URLS: lists and reports read from a replica, everything a decision depends on from the
 * primary. The "replica" here is a second copy of the migrated database that nothing replicates to, so which
 * database answered shows in the answer itself.
 */
describe('Read replicas', () => {
  let primary: TestDatabase;
  let replica: TestDatabase;
  let t: TestApp;
  let replicaSql: Client;

  beforeAll(async () => {
    [primary, replica] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    if (!primary.url || !replica.url) throw new Error('The cluster tests need PostgreSQL: set TEST_DATABASE_URL (npm run test:cluster does).');
    t = await startTestApp({ database: primary, env: { DATABASE_REPLICA_URLS: replica.url } });
    replicaSql = new Client({ connectionString: replica.url });
    await replicaSql.connect();
  }, 60_000);
  afterAll(async () => {
    await replicaSql?.end();
    await t?.close();
    await replica?.drop();
  });

  it('lists products from the replica and reads one product, stock included, from the primary', async () => {
    const admin = await asAdmin(t.http);
    const product = await newProduct(t.http, admin.token, { name: 'Only on the primary' });
    expect((await t.http.get(`/api/v1/products/${product.id}`)).body.name).toBe('Only on the primary');
    expect((await t.http.get('/api/v1/products?limit=100')).body.items).toEqual([]);

    // Once "replicated", the list shows it.
    await replicaSql.query(
      `insert into products (id, sku, name, description, price_amount, currency, stock, status, created_at, updated_at, version)
       values ($1, $2, 'Replicated', '', 1000, 'USD', 100, 'active', now(), now(), 1)`,
      [product.id, product.sku],
    );
    expect((await t.http.get('/api/v1/products?limit=100')).body.items.map((p: { name: string }) => p.name)).toEqual(['Replicated']);
  });

  it('places orders against the primary and lists them from the replica', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const product = await newProduct(t.http, admin.token, { stock: 5 });
    const order = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 2 }]);
    expect(order.status).toBe(201);
    expect((await t.http.get(`/api/v1/orders/${order.body.id}`, { token: customer.token })).body.status).toBe('pending_payment');
    expect((await t.http.get('/api/v1/orders?limit=10', { token: customer.token })).body.items).toEqual([]);
  });

  it('pays on the primary and reports sales from the replica', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const product = await newProduct(t.http, admin.token, { stock: 5, price: 2500 });
    const order = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 1 }]);
    expect((await pay(t.http, customer.token, order.body.id)).status).toBe(201);
    expect((await t.http.get(`/api/v1/orders/${order.body.id}`, { token: customer.token })).body.status).toBe('paid');

    const today = new Date().toISOString().slice(0, 10);
    const sales = await t.http.get(`/api/v1/reports/sales?from=${today}&to=${today}&interval=day`, { token: admin.token });
    expect(sales.status).toBe(200);
    expect(sales.body.totals.orders).toBe(0); // the replica has no payments yet
    const top = await t.http.get(`/api/v1/reports/top-products?from=${today}&to=${today}`, { token: admin.token });
    expect(top.status).toBe(200);
    expect(top.body).toEqual([]);
  });
});
