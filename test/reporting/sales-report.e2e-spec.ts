import { Clock } from '../support/built';
import { anOrder, asAdmin, newCustomer, newProduct, pay, placeOrder, refund, type LoggedIn } from '../support/journeys';
import { ManualClock } from '../support/manual-clock';
import { relayAll } from '../support/relay';
import { startTestApp, type TestApp } from '../support/test-app';

interface Movement {
  type: 'payment' | 'refund';
  status: string;
  amount: { amount: number };
  settledAt: string | null;
}

/** The report recomputed the slow way, from the transaction history itself. */
function bruteForce(transactions: Movement[], days: string[]) {
  return days.map((day) => {
    const settled = transactions.filter((tx) => tx.status === 'succeeded' && tx.settledAt!.slice(0, 10) === day);
    const payments = settled.filter((tx) => tx.type === 'payment');
    const gross = payments.reduce((sum, tx) => sum + tx.amount.amount, 0);
    const refunds = settled.filter((tx) => tx.type === 'refund').reduce((sum, tx) => sum + tx.amount.amount, 0);
    return { period: day, orders: payments.length, gross, refunds, net: gross - refunds, averageOrderValue: payments.length ? Math.round(gross / payments.length) : 0 };
  });
}

describe('Sales reports', () => {
  const clock = new ManualClock(new Date('2026-03-01T12:00:00Z'));
  let t: TestApp;
  let admin: LoggedIn;

  beforeAll(async () => {
    // The orders placed on 03-01 are paid up to four days later: within a week's payment deadline.
    t = await startTestApp({ env: { REPORT_MAX_DAYS: '40', ORDER_PAYMENT_TIMEOUT: String(7 * 24 * 3600) }, override: (builder) => builder.overrideProvider(Clock).useValue(clock) });
    admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const at = async (instant: string, action: () => Promise<{ status: number }>) => {
      clock.set(instant);
      expect((await action()).status).toBe(201);
    };
    const a = await anOrder(t.http, admin.token, customer, 1000);
    const b = await anOrder(t.http, admin.token, customer, 2500);
    const c = await anOrder(t.http, admin.token, customer, 1333, 3);
    const declined = await anOrder(t.http, admin.token, customer, 700);
    await at('2026-03-02T10:00:00Z', () => pay(t.http, customer.token, a.id));
    await at('2026-03-02T23:59:30Z', () => pay(t.http, customer.token, b.id));
    clock.set('2026-03-02T23:59:50Z');
    expect((await pay(t.http, customer.token, declined.id, 'pm_card_chargeDeclined')).status).toBe(402);
    // Refunded a minute after its payment, on the next day: it counts on the day the money went back.
    await at('2026-03-03T00:00:30Z', () => refund(t.http, admin.token, b.id, 500));
    // 2026-03-04 has nothing at all.
    await at('2026-03-05T09:00:00Z', () => pay(t.http, customer.token, c.id));
    await at('2026-03-05T17:00:00Z', () => refund(t.http, admin.token, c.id, 1000));
    await at('2026-03-05T17:00:01Z', () => refund(t.http, admin.token, a.id, 1));
  });
  afterAll(() => t.close());

  const report = (query: string, headers: Record<string, string> = {}) =>
    t.http.get(`/api/v1/reports/sales?${query}`, { token: admin.token, headers });

  it('agrees to the cent with a recomputation from the transactions, every day present', async () => {
    const history = await t.http.get('/api/v1/transactions?limit=100', { token: admin.token });
    const days = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
    const daily = await report('from=2026-03-01&to=2026-03-06&interval=day');
    expect(daily.status).toBe(200);
    const expected = bruteForce(history.body.items, days);
    const money = (amount: number) => ({ amount, currency: 'USD' });
    expect(daily.body.buckets).toEqual(
      expected.map((b) => ({ ...b, gross: money(b.gross), refunds: money(b.refunds), net: money(b.net), averageOrderValue: money(b.averageOrderValue) })),
    );
    expect(daily.body.buckets.map((b: { orders: number }) => b.orders)).toEqual([0, 2, 0, 0, 1, 0]);
    expect(daily.body.totals).toEqual({ orders: 3, gross: money(1000 + 2500 + 3999), refunds: money(500 + 1000 + 1), net: money(7499 - 1501) });
    expect(daily.body).toMatchObject({ from: '2026-03-01', to: '2026-03-06', interval: 'day', currency: 'USD' });
  });

  it('groups by ISO week (from Monday) and by month', async () => {
    const weekly = await report('from=2026-03-01&to=2026-03-10&interval=week');
    expect(weekly.body.buckets.map((b: { period: string; gross: { amount: number } }) => [b.period, b.gross.amount])).toEqual([
      ['2026-02-23', 0],
      ['2026-03-02', 7499],
      ['2026-03-09', 0],
    ]);
    const monthly = await report('from=2026-02-15&to=2026-03-20&interval=month');
    expect(monthly.body.buckets.map((b: { period: string; net: { amount: number } }) => [b.period, b.net.amount])).toEqual([
      ['2026-02-01', 0],
      ['2026-03-01', 5998],
    ]);
  });

  it('answers the same buckets as RFC 4180 CSV', async () => {
    const csv = await report('from=2026-03-02&to=2026-03-03&interval=day', { accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toBe('period,orders,gross,refunds,net,averageOrderValue\r\n2026-03-02,2,3500,0,3500,1750\r\n2026-03-03,0,0,500,-500,0\r\n');
  });

  it('ranks products by revenue, as JSON or CSV', async () => {
    await relayAll(t); // the ranking reads a model fed by order.paid through the outbox
    const top = await t.http.get('/api/v1/reports/top-products?from=2026-03-01&to=2026-03-06&limit=2', { token: admin.token });
    expect(top.body.map((p: { unitsSold: number; revenue: { amount: number } }) => [p.unitsSold, p.revenue.amount])).toEqual([
      [3, 3999],
      [1, 2500],
    ]);
    const csv = await t.http.get('/api/v1/reports/top-products?from=2026-03-01&to=2026-03-06&limit=1', { token: admin.token, headers: { accept: 'text/csv' } });
    expect(csv.text.split('\r\n')[0]).toBe('productId,sku,name,unitsSold,revenue');
    expect(csv.text.split('\r\n')[1]).toMatch(/,3,3999$/);
  });

  it.each([
    ['a malformed date', 'from=2026-3-01&to=2026-03-02'],
    ['an impossible date', 'from=2026-02-30&to=2026-03-02'],
    ['from after to', 'from=2026-03-05&to=2026-03-01'],
    ['an unknown interval', 'from=2026-03-01&to=2026-03-02&interval=year'],
    ['a missing date', 'from=2026-03-01'],
  ])('refuses %s with 400', async (_case, query) => {
    expect((await report(query)).status).toBe(400);
  });

  it('refuses a range beyond the configured maximum, naming it', async () => {
    const reply = await report('from=2026-01-01&to=2026-03-01');
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ field: 'to', message: 'The range spans 60 days; the maximum is 40 days.' }]);
  });

  it('names every bad field of a report query in one reply', async () => {
    const reversed = await report('from=2026-03-05&to=2026-03-01&interval=year');
    expect(reversed.body.errors).toEqual([
      { field: 'interval', message: 'interval must be one of the following values: day, week, month' },
      { field: 'to', message: 'from (2026-03-05) is after to (2026-03-01).' },
    ]);
    const impossible = await report('from=2026-02-30&to=2026-13-01');
    expect(impossible.body.errors).toEqual([
      { field: 'from', message: 'from must be a date as YYYY-MM-DD from 1900-01-01 to 9998-12-31' },
      { field: 'to', message: 'to must be a date as YYYY-MM-DD from 1900-01-01 to 9998-12-31' },
    ]);
  });

  // Dates the calendar has, but PostgreSQL could not take as the range's ends (no year 0; a five-digit year).
  it.each(['from=0000-01-01&to=0000-01-02', 'from=9999-12-30&to=9999-12-31&interval=week'])('answers %s with 400, not a database error', async (query) => {
    const sales = await report(query);
    const top = await t.http.get(`/api/v1/reports/top-products?${query.replace('&interval=week', '')}`, { token: admin.token });
    expect([sales.status, top.status]).toEqual([400, 400]);
  });

  it('refuses a report whose sums pass what a JSON number holds exactly (422), rather than show cents that are not there', async () => {
    clock.set('2026-06-01T12:00:00Z');
    // Signed in at the clock's new time: the tokens of March have expired.
    const june = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    // Each order's total is exact (9 x 10^15), two of them are past 2^53 - 1.
    const product = await newProduct(t.http, june.token, { price: 1_000_000_000_000, stock: 20_000 });
    for (let i = 0; i < 2; i++) {
      const order = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 9000 }]);
      expect((await pay(t.http, customer.token, order.body.id)).status).toBe(201);
    }
    await relayAll(t);
    for (const path of ['sales?from=2026-06-01&to=2026-06-01', 'top-products?from=2026-06-01&to=2026-06-01']) {
      const reply = await t.http.get(`/api/v1/reports/${path}`, { token: june.token });
      expect({ path, status: reply.status, type: reply.body.type }).toEqual({ path, status: 422, type: expect.stringMatching(/report-too-large$/) });
    }
  });

  it('is for admins only', async () => {
    const customer = await newCustomer(t.http);
    expect((await t.http.get('/api/v1/reports/sales?from=2026-03-01&to=2026-03-02', { token: customer.token })).status).toBe(403);
    expect((await t.http.get('/api/v1/reports/top-products?from=2026-03-01&to=2026-03-02', { token: customer.token })).status).toBe(403);
    expect((await t.http.get('/api/v1/reports/sales?from=2026-03-01&to=2026-03-02')).status).toBe(401);
  });
});
