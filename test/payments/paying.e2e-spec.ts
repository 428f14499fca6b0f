import { createHash, randomUUID } from 'node:crypto';
import { MikroORM } from '../support/built';
import { anOrder, asAdmin, newCustomer, pay, refund, type LoggedIn } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Paying an order', () => {
  let t: TestApp;
  let admin: LoggedIn;
  beforeAll(async () => {
    t = await startTestApp({ env: { PAYMENT_GATEWAY_LATENCY_MS: '50', DB_POOL_MAX: '20' } });
    admin = await asAdmin(t.http);
  });
  afterAll(() => t.close());

  const transactionsOf = async (orderId: string) =>
    (await t.http.get(`/api/v1/transactions?orderId=${orderId}&limit=100`, { token: admin.token })).body.items as Array<{
      id: string;
      type: string;
      status: string;
      failureCode: string | null;
    }>;
  const orderStatus = async (customer: LoggedIn, orderId: string) => (await t.http.get(`/api/v1/orders/${orderId}`, { token: customer.token })).body.status;

  it('charges the total and marks the order paid', async () => {
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer, 1250, 2);
    const paid = await pay(t.http, customer.token, order.id);
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({
      orderId: order.id,
      customerId: customer.userId,
      type: 'payment',
      status: 'succeeded',
      amount: { amount: 2500, currency: 'USD' },
      paymentMethod: 'pm_card_visa',
      gatewayReference: expect.stringMatching(/^ch_/),
      failureCode: null,
      settledAt: expect.any(String),
    });
    expect(await orderStatus(customer, order.id)).toBe('paid');
  });

  it('replays the first response for a retry with the same key, byte for byte', async () => {
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer);
    const key = randomUUID();
    const first = await pay(t.http, customer.token, order.id, 'pm_card_visa', key);
    const retry = await pay(t.http, customer.token, order.id, 'pm_card_visa', key);
    expect(retry.status).toBe(201);
    expect(retry.text).toBe(first.text);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect((await transactionsOf(order.id)).filter((tx) => tx.status === 'succeeded')).toHaveLength(1);
  });

  // The request was told apart by its path as written, and the path id is read in lower case: a retry that wrote the
  // order's id in capitals, or with a trailing slash, named the same order and was answered 422 as another request.
  it('replays for a retry that writes the path differently but names the same order', async () => {
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer);
    const key = randomUUID();
    const first = await pay(t.http, customer.token, order.id, 'pm_card_visa', key);
    const headers = { 'idempotency-key': key };
    const body = { paymentMethod: 'pm_card_visa' };
    const capitals = await t.http.post(`/api/v1/orders/${order.id.toUpperCase()}/payments`, body, { token: customer.token, headers });
    const slash = await t.http.post(`/api/v1/orders/${order.id}/payments/`, body, { token: customer.token, headers });
    expect([capitals.status, capitals.headers['idempotency-replayed'], capitals.text]).toEqual([201, 'true', first.text]);
    expect([slash.status, slash.headers['idempotency-replayed'], slash.text]).toEqual([201, 'true', first.text]);
    // A path written canonically fingerprints as it did before: keys stored by an earlier version still replay.
    const [stored] = await t.app.get(MikroORM).em.getConnection().execute<Array<{ fingerprint: string }>>('select fingerprint from idempotency_keys where key = ?', [key]);
    const asBefore = createHash('sha256').update(`POST /api/v1/orders/${order.id}/payments\n{"paymentMethod":"pm_card_visa"}`).digest('hex');
    expect(stored.fingerprint).toBe(asBefore);
  });

  it('replays a decline for its key as well, byte for byte, without asking the processor again', async () => {
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer);
    const key = randomUUID();
    const declined = await pay(t.http, customer.token, order.id, 'pm_card_chargeDeclined', key);
    expect(declined.status).toBe(402);
    const retry = await pay(t.http, customer.token, order.id, 'pm_card_chargeDeclined', key);
    expect([retry.status, retry.headers['idempotency-replayed'], retry.text]).toEqual([402, 'true', declined.text]);
    expect(await transactionsOf(order.id)).toEqual([expect.objectContaining({ id: declined.body.transactionId, status: 'failed' })]);
    expect((await pay(t.http, customer.token, order.id)).status).toBe(201);
  });

  it('replays a refund for its key, and records it once', async () => {
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer, 1000);
    expect((await pay(t.http, customer.token, order.id)).status).toBe(201);
    const key = randomUUID();
    const first = await refund(t.http, admin.token, order.id, 400, key);
    expect(first.status).toBe(201);
    const retry = await refund(t.http, admin.token, order.id, 400, key);
    expect([retry.status, retry.headers['idempotency-replayed'], retry.text]).toEqual([201, 'true', first.text]);
    expect((await transactionsOf(order.id)).filter((tx) => tx.type === 'refund')).toEqual([expect.objectContaining({ id: first.body.id })]);
  });

  it('keeps a key 24 hours; after that it is free for another request', async () => {
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer);
    const key = randomUUID();
    expect((await pay(t.http, customer.token, order.id, 'pm_card_chargeDeclined', key)).status).toBe(402);
    const sql = t.app.get(MikroORM).em.getConnection();
    const [kept] = await sql.execute<Array<{ hours: number }>>(
      'select extract(epoch from expires_at - created_at) / 3600 as hours from idempotency_keys where key = ?',
      [key],
    );
    expect(Number(kept.hours)).toBe(24);
    expect((await pay(t.http, customer.token, order.id, 'pm_card_visa', key)).status).toBe(422); // another body, within the day
    await sql.execute("update idempotency_keys set created_at = created_at - interval '24 hours 1 second', expires_at = expires_at - interval '24 hours 1 second' where key = ?", [key]);
    expect((await pay(t.http, customer.token, order.id, 'pm_card_visa', key)).status).toBe(201);
  });

  it('answers 422 for the same key with another body, and 400 without a key', async () => {
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer);
    const key = randomUUID();
    await pay(t.http, customer.token, order.id, 'pm_card_visa', key);
    const reused = await pay(t.http, customer.token, order.id, 'pm_card_mastercard', key);
    expect(reused.status).toBe(422);
    expect(reused.body.type).toMatch(/idempotency-key-reused$/);
    const other = await anOrder(t.http, admin.token, customer);
    const keyless = await t.http.post(`/api/v1/orders/${other.id}/payments`, { paymentMethod: 'pm_card_visa' }, { token: customer.token });
    expect(keyless.status).toBe(400);
    expect(keyless.body.type).toMatch(/idempotency-key-missing$/);
    const tooLong = await pay(t.http, customer.token, other.id, 'pm_card_visa', 'k'.repeat(256));
    expect(tooLong.status).toBe(400);
  });

  it('scopes keys to the caller: another customer\'s identical key is theirs alone', async () => {
    const alice = await newCustomer(t.http, 'Alice');
    const bob = await newCustomer(t.http, 'Bob');
    const key = randomUUID();
    const aliceOrder = await anOrder(t.http, admin.token, alice);
    const bobOrder = await anOrder(t.http, admin.token, bob);
    expect((await pay(t.http, alice.token, aliceOrder.id, 'pm_card_visa', key)).status).toBe(201);
    expect((await pay(t.http, bob.token, bobOrder.id, 'pm_card_visa', key)).status).toBe(201);
  });

  it('declines with 402 carrying the failed transaction, and the order stays payable', async () => {
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer);
    for (const [method, code] of [['pm_card_chargeDeclined', 'card_declined'], ['pm_card_insufficientFunds', 'insufficient_funds']]) {
      const declined = await pay(t.http, customer.token, order.id, method);
      expect(declined.status).toBe(402);
      expect(declined.body).toMatchObject({ transactionId: expect.any(String), failureCode: code });
      const failed = await t.http.get(`/api/v1/transactions/${declined.body.transactionId}`, { token: customer.token });
      expect(failed.body).toMatchObject({ status: 'failed', failureCode: code });
    }
    expect(await orderStatus(customer, order.id)).toBe('pending_payment');
    expect((await pay(t.http, customer.token, order.id)).status).toBe(201);
  });

  it('declines a method the processor does not know as card_declined, whatever its name', async () => {
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer);
    for (const method of ['pm_card_unknown', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const declined = await pay(t.http, customer.token, order.id, method);
      expect({ method, status: declined.status, failureCode: declined.body.failureCode }).toEqual({ method, status: 402, failureCode: 'card_declined' });
      const failed = await t.http.get(`/api/v1/transactions/${declined.body.transactionId}`, { token: customer.token });
      expect({ method, failureCode: failed.body.failureCode }).toEqual({ method, failureCode: 'card_declined' });
    }
  });

  it('answers a gateway error with 502 and charges nothing', async () => {
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer);
    const failed = await pay(t.http, customer.token, order.id, 'pm_card_processingError');
    expect(failed.status).toBe(502);
    expect(failed.body.type).toMatch(/payment-gateway-failed$/);
    expect(await transactionsOf(order.id)).toEqual([expect.objectContaining({ status: 'failed', failureCode: 'processing_error' })]);
    expect(await orderStatus(customer, order.id)).toBe('pending_payment');
  });

  it('refuses to pay a paid or cancelled order with 409', async () => {
    const customer = await newCustomer(t.http);
    const paid = await anOrder(t.http, admin.token, customer);
    await pay(t.http, customer.token, paid.id);
    expect((await pay(t.http, customer.token, paid.id)).status).toBe(409);
    const cancelled = await anOrder(t.http, admin.token, customer);
    await t.http.post(`/api/v1/orders/${cancelled.id}/cancel`, undefined, { token: customer.token });
    const late = await pay(t.http, customer.token, cancelled.id);
    expect(late.status).toBe(409);
    expect(late.body.type).toMatch(/order-not-payable$/);
  });

  it('takes exactly one payment from 20 retries of one key and 10 fresh keys at once', async () => {
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer);
    const shared = randomUUID();
    const keys = [...Array.from({ length: 20 }, () => shared), ...Array.from({ length: 10 }, () => randomUUID())];
    const replies = await Promise.all(keys.map((key) => pay(t.http, customer.token, order.id, 'pm_card_visa', key)));
    const succeeded = replies.filter((r) => r.status === 201);
    expect(replies.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    expect(new Set(succeeded.map((r) => r.text)).size).toBe(1);
    const payments = (await transactionsOf(order.id)).filter((tx) => tx.type === 'payment' && tx.status === 'succeeded');
    expect(payments).toEqual([expect.objectContaining({ id: succeeded[0].body.id })]);
    // Once finished, a retry of the key that paid is the replayed success.
    const payingKey = keys[replies.indexOf(succeeded[0])];
    const later = await pay(t.http, customer.token, order.id, 'pm_card_visa', payingKey);
    expect(later.text).toBe(succeeded[0].text);
  });
});
