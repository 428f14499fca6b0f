import { asAdmin, newCustomer, newProduct, placeOrder } from '../support/journeys';
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
});
