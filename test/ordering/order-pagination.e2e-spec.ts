import { asAdmin, newCustomer, newProduct, pay, placeOrder } from '../support/journeys';
import type { Reply } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Order pagination', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { MAX_OPEN_ORDERS: '1000' } });
  });
  afterAll(() => t.close());

  it('walks 250 orders 7 at a time, each exactly once, while new orders keep arriving', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const product = await newProduct(t.http, admin.token, { stock: 100_000 });
    const placed: string[] = [];
    for (let i = 0; i < 250; i++) placed.push((await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 1 }])).body.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const [page]: [Reply, unknown] = await Promise.all([
        t.http.get(`/api/v1/orders?limit=7${cursor ? `&cursor=${cursor}` : ''}`, { token: customer.token }),
        placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 1 }]), // arrives mid-walk
      ]);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.body.items.map((o: { id: string }) => o.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);

    const walkedOriginals = seen.filter((id) => placed.includes(id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(walkedOriginals).toEqual([...placed].reverse());
    expect(pages).toBeGreaterThanOrEqual(36);
  });

  it('lists an order with the moments that reading it by id shows, set and unset alike', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const product = await newProduct(t.http, admin.token, { stock: 10 });
    const moments = (order: Record<string, unknown>) => {
      const { createdAt, updatedAt, paymentDueAt, paidAt, fulfilledAt, cancelledAt } = order;
      return { createdAt, updatedAt, paymentDueAt, paidAt, fulfilledAt, cancelledAt };
    };
    const listed = async (id: string) =>
      moments((await t.http.get('/api/v1/orders?limit=5', { token: customer.token })).body.items.find((order: { id: string }) => order.id === id));
    const read = async (id: string) => moments((await t.http.get(`/api/v1/orders/${id}`, { token: customer.token })).body);

    const placed = (await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 1 }])).body;
    expect(moments(placed)).toMatchObject({ paidAt: null, fulfilledAt: null, cancelledAt: null });
    expect(await read(placed.id)).toEqual(moments(placed));
    expect(await listed(placed.id)).toEqual(moments(placed));

    expect((await pay(t.http, customer.token, placed.id)).status).toBe(201);
    const paid = await read(placed.id);
    expect(paid.paidAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(await listed(placed.id)).toEqual(paid);

    const cancelled = (await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 1 }])).body;
    const reply = (await t.http.post(`/api/v1/orders/${cancelled.id}/cancel`, {}, { token: customer.token })).body;
    expect(reply.cancelledAt).not.toBeNull();
    expect(await listed(cancelled.id)).toEqual(moments(reply));
  });
});
