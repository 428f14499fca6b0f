import { asAdmin, newCustomer, newProduct, pay, placeOrder, type LoggedIn } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';
import { ThrowawayPostgres } from '../support/throwaway-postgres';

/** Every HTTP test runs in the default currency (USD); one store in another keeps it from prices to reports. */
describe('A store whose currency is not the default', () => {
  let t: TestApp;
  let admin: LoggedIn;
  beforeAll(async () => {
    t = await startTestApp({ env: { STORE_CURRENCY: 'EUR' } });
    admin = await asAdmin(t.http);
  });
  afterAll(() => t.close());

  const eur = (amount: number) => ({ amount, currency: 'EUR' });

  it('prices, charges, refunds and reports in it, and refuses any other', async () => {
    const product = { sku: 'EUR-1', name: 'Espresso cup', stock: 10 };
    expect((await t.http.post('/api/v1/products', { ...product, price: { amount: 900, currency: 'USD' } }, { token: admin.token })).status).toBe(400);
    const created = await t.http.post('/api/v1/products', { ...product, price: eur(900) }, { token: admin.token });
    expect([created.status, created.body.price]).toEqual([201, eur(900)]);

    const customer = await newCustomer(t.http);
    const order = await placeOrder(t.http, customer.token, [{ productId: created.body.id, quantity: 2 }]);
    expect([order.status, order.body.total]).toEqual([201, eur(1800)]);
    const paid = await pay(t.http, customer.token, order.body.id);
    expect([paid.status, paid.body.amount]).toEqual([201, eur(1800)]);

    const refund = (currency: string) =>
      t.http.post(`/api/v1/orders/${order.body.id}/refunds`, { amount: { amount: 300, currency }, reason: 'Chipped' }, { token: admin.token, headers: { 'idempotency-key': `refund-${currency}` } });
    expect((await refund('USD')).status).toBe(400);
    const refunded = await refund('EUR');
    expect([refunded.status, refunded.body.amount]).toEqual([201, eur(300)]);

    const today = new Date().toISOString().slice(0, 10);
    const report = await t.http.get(`/api/v1/reports/sales?from=${today}&to=${today}`, { token: admin.token });
    expect(report.body).toMatchObject({ currency: 'EUR', totals: { orders: 1, gross: eur(1800), refunds: eur(300), net: eur(1500) } });
  });
});

// Restarted in EUR on a shop priced in USD, it sold USD products, could refund none of them, and added both
// currencies up in one report.
describe('A store restarted in another currency than its data', () => {
  it('does not start, and names the currency the data is in', async () => {
    const postgres = await ThrowawayPostgres.create();
    try {
      const database = { kind: 'postgresql' as const, url: postgres.url, drop: async () => undefined };
      const first = await startTestApp({ database });
      await newProduct(first.http, (await asAdmin(first.http)).token);
      await first.close();
      await expect(startTestApp({ database, env: { STORE_CURRENCY: 'EUR' } })).rejects.toThrow(
        'STORE_CURRENCY: EUR, but this database holds amounts in USD; a store has one currency (STORE_CURRENCY=USD).',
      );
      const again = await startTestApp({ database });
      expect((await again.http.get('/health/ready')).status).toBe(200);
      await again.close();
    } finally {
      await postgres.destroy();
    }
  }, 60_000);
});
