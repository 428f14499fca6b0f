import { anOrder, asAdmin, newCustomer, pay, refund, type LoggedIn } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Refunds and the transaction history', () => {
  let t: TestApp;
  let admin: LoggedIn;
  beforeAll(async () => {
    t = await startTestApp({ env: { PAYMENT_GATEWAY_LATENCY_MS: '20', DB_POOL_MAX: '20' } });
    admin = await asAdmin(t.http);
  });
  afterAll(() => t.close());

  async function paidOrder(customer: LoggedIn, total = 1000) {
    const order = await anOrder(t.http, admin.token, customer, total);
    expect((await pay(t.http, customer.token, order.id)).status).toBe(201);
    return order;
  }
  /** A refund request with a body of the test's own, under a key of its own. */
  const askRefund = (orderId: string, body: object, key: string) =>
    t.http.post(`/api/v1/orders/${orderId}/refunds`, body, { token: admin.token, headers: { 'idempotency-key': key } });
  const orderStatus = async (customer: LoggedIn, id: string) => (await t.http.get(`/api/v1/orders/${id}`, { token: customer.token })).body.status;

  it('refunds in parts, and the order becomes refunded when the parts reach the payment', async () => {
    const customer = await newCustomer(t.http);
    const order = await paidOrder(customer, 1000);
    const part = await refund(t.http, admin.token, order.id, 400);
    expect(part.status).toBe(201);
    expect(part.body).toMatchObject({ type: 'refund', status: 'succeeded', amount: { amount: 400, currency: 'USD' }, reason: 'Test refund' });
    expect(await orderStatus(customer, order.id)).toBe('paid');
    const over = await refund(t.http, admin.token, order.id, 601);
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ refundableAmount: 600 });
    expect((await refund(t.http, admin.token, order.id, 600)).status).toBe(201);
    expect(await orderStatus(customer, order.id)).toBe('refunded');
    expect((await refund(t.http, admin.token, order.id, 1)).status).toBe(409);
  });

  it('never lets concurrent refunds add up to more than was paid', async () => {
    const customer = await newCustomer(t.http);
    const order = await paidOrder(customer, 1000);
    const replies = await Promise.all(Array.from({ length: 10 }, () => refund(t.http, admin.token, order.id, 300)));
    const succeeded = replies.filter((r) => r.status === 201);
    expect(replies.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(succeeded).toHaveLength(3);
    const history = await t.http.get(`/api/v1/transactions?orderId=${order.id}&type=refund&status=succeeded`, { token: admin.token });
    const refunded = history.body.items.reduce((sum: number, tx: { amount: { amount: number } }) => sum + tx.amount.amount, 0);
    expect(refunded).toBe(900);
  });

  it('refuses refunds of unpaid orders, in another currency, or of nothing', async () => {
    const customer = await newCustomer(t.http);
    const unpaid = await anOrder(t.http, admin.token, customer);
    expect((await refund(t.http, admin.token, unpaid.id, 100)).status).toBe(409);
    const paid = await paidOrder(customer);
    const euros = await askRefund(paid.id, { amount: { amount: 100, currency: 'EUR' }, reason: 'x' }, 'eur-refund');
    expect(euros.status).toBe(400);
    expect((await refund(t.http, admin.token, paid.id, 0)).status).toBe(400);
    const nothing = await askRefund(paid.id, { amount: { amount: 0, currency: 'EUR' }, reason: '' }, 'all-wrong-refund');
    expect(nothing.body.errors).toEqual([
      { field: 'amount.amount', message: 'amount.amount must not be less than 1' },
      { field: 'amount.currency', message: "amount.currency must be USD, the store's currency" },
      { field: 'reason', message: 'reason must not be blank' },
      { field: 'reason', message: 'reason must be longer than or equal to 1 characters' },
    ]);
    for (const [amount, key] of [[[], 'empty-array-refund'], [[{ amount: 100, currency: 'USD' }], 'array-refund']] as const) {
      const listed = await askRefund(paid.id, { amount, reason: 'an array is no amount' }, key);
      expect({ status: listed.status, errors: listed.body.errors }).toEqual({ status: 400, errors: [{ field: 'amount', message: 'amount must be an object' }] });
    }
    expect((await refund(t.http, admin.token, '01937c5e-8a4b-7cde-9f01-23456789abcd', 100)).status).toBe(404);
  });

  it('refuses a refund whose reason is only white space, and records nothing', async () => {
    const customer = await newCustomer(t.http);
    const paid = await paidOrder(customer);
    const blank = await askRefund(paid.id, { amount: { amount: 100, currency: 'USD' }, reason: ' \t ' }, 'blank-reason-refund');
    expect(blank.status).toBe(400);
    expect(blank.body.errors).toEqual([{ field: 'reason', message: 'reason must not be blank' }]);
    const refunds = await t.http.get(`/api/v1/transactions?orderId=${paid.id}&type=refund`, { token: admin.token });
    expect(refunds.body.items).toEqual([]);
    expect(await orderStatus(customer, paid.id)).toBe('paid');
  });

  it('counts a reason\'s length as PostgreSQL does: 251 "❤️" are a 400 naming it, not a 500, and record nothing', async () => {
    const customer = await newCustomer(t.http);
    const paid = await paidOrder(customer);
    const hearts = (count: number) => '\u2764\uFE0F'.repeat(count);
    const long = await askRefund(paid.id, { amount: { amount: 100, currency: 'USD' }, reason: hearts(251) }, 'long-reason-refund');
    expect(long.status).toBe(400);
    expect(long.body.errors).toEqual([{ field: 'reason', message: 'reason must be shorter than or equal to 500 characters' }]);
    expect((await t.http.get(`/api/v1/transactions?orderId=${paid.id}&type=refund`, { token: admin.token })).body.items).toEqual([]);
    const kept = await askRefund(paid.id, { amount: { amount: 100, currency: 'USD' }, reason: hearts(250) }, 'longest-reason-refund');
    expect(kept.status).toBe(201);
    expect(kept.body.reason).toBe(hearts(250));
  });

  it('keeps refunds for admins and each customer\'s history to themselves', async () => {
    const alice = await newCustomer(t.http, 'Alice');
    const bob = await newCustomer(t.http, 'Bob');
    const order = await paidOrder(alice);
    expect((await refund(t.http, alice.token, order.id, 100)).status).toBe(403);
    const mine = await t.http.get('/api/v1/transactions', { token: alice.token });
    expect(mine.body.items).toEqual([expect.objectContaining({ type: 'payment', orderId: order.id, customerId: alice.userId })]);
    expect((await t.http.get('/api/v1/transactions', { token: bob.token })).body.items).toEqual([]);
    const aliceTransaction = mine.body.items[0].id;
    expect((await t.http.get(`/api/v1/transactions/${aliceTransaction}`, { token: bob.token })).status).toBe(404);
    expect((await t.http.get(`/api/v1/transactions?orderId=${order.id}`, { token: bob.token })).body.items).toEqual([]);
    expect((await t.http.get(`/api/v1/transactions/${aliceTransaction}`, { token: admin.token })).status).toBe(200);
  });
});
