import { asAdmin, newCustomer, newProduct, placeOrder, stockOf } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

/** On PostgreSQL these requests run on parallel pooled connections; on PGlite they are serialised. */
describe('Stock under concurrent orders', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { DB_POOL_MAX: '20' } });
  });
  afterAll(() => t.close());

  // Each reservation bumps the product's version: an edit that read the product, then saved it, lost to any
  // reservation in between (409). Under the product's row lock it waits for them instead.
  it('lets an admin edit a product while orders reserve its stock: every edit goes through, no unit is lost', async () => {
    const admin = await asAdmin(t.http);
    const product = await newProduct(t.http, admin.token, { stock: 1000 });
    const customers = await Promise.all([0, 1, 2, 3].map((i) => newCustomer(t.http, `Busy buyer ${i}`)));
    const [orders, edits] = await Promise.all([
      Promise.all(Array.from({ length: 40 }, (_, i) => placeOrder(t.http, customers[i % 4].token, [{ productId: product.id, quantity: 1 }]))),
      Promise.all(Array.from({ length: 8 }, (_, i) => t.http.patch(`/api/v1/products/${product.id}`, { name: `Renamed ${i}` }, { token: admin.token }))),
    ]);
    expect(edits.map((reply) => reply.status)).toEqual(Array(8).fill(200));
    expect(orders.map((reply) => reply.status)).toEqual(Array(40).fill(201));
    expect(await stockOf(t.http, product.id)).toBe(960);
  });

  it('sells the last 10 units exactly once among 40 concurrent orders', async () => {
    const admin = await asAdmin(t.http);
    const product = await newProduct(t.http, admin.token, { stock: 10 });
    const customers = await Promise.all([0, 1, 2, 3].map((i) => newCustomer(t.http, `Buyer ${i}`)));
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => placeOrder(t.http, customers[i % 4].token, [{ productId: product.id, quantity: 1 }])),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(30);
    expect(await stockOf(t.http, product.id)).toBe(0);
    const orders = await t.http.get('/api/v1/orders?status=pending_payment&limit=100', { token: admin.token });
    const units = orders.body.items
      .flatMap((o: { lines: Array<{ productId: string; quantity: number }> }) => o.lines)
      .filter((l: { productId: string }) => l.productId === product.id)
      .reduce((sum: number, l: { quantity: number }) => sum + l.quantity, 0);
    expect(units).toBe(10);
  });

  it('never oversells when multi-line orders compete for two products', async () => {
    const admin = await asAdmin(t.http);
    const a = await newProduct(t.http, admin.token, { stock: 6 });
    const b = await newProduct(t.http, admin.token, { stock: 6 });
    const buyer = await newCustomer(t.http);
    // Lines in both orders of product ids: the ledger locks in one order, so these cannot deadlock.
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        placeOrder(t.http, buyer.token, i % 2 ? [{ productId: a.id, quantity: 1 }, { productId: b.id, quantity: 1 }] : [{ productId: b.id, quantity: 1 }, { productId: a.id, quantity: 1 }]),
      ),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(6);
    expect(replies.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect([await stockOf(t.http, a.id), await stockOf(t.http, b.id)]).toEqual([0, 0]);
  });
});
