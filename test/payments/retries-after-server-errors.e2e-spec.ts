import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { PaymentReconciliationScheduler } from '../support/built';
import { anOrder, asAdmin, newCustomer, pay, refund } from '../support/journeys';
import { startTestAppOnOwnPostgres } from '../support/test-app';

/**
 * A retry under the same Idempotency-Key never moves money again, even where the HTTP layer has no response to
 * replay: after a server error (the key is released so that the client may retry) or a claim taken over after its
 * process died. A refund whose answer could not be recorded (the order's row locked past the statement timeout)
 * answered 503, and its retry refunded a second time; a payment's retry answered 409 "in progress" for good.
 */
describe('Retries of payments and refunds whose first attempt failed on our side', () => {
  let t: Awaited<ReturnType<typeof startTestAppOnOwnPostgres>>;
  let other: Client;
  beforeAll(async () => {
    t = await startTestAppOnOwnPostgres({
      PAYMENT_GATEWAY_LATENCY_MS: '700',
      PAYMENT_GATEWAY_TIMEOUT_MS: '1500',
      PAYMENT_RECONCILE_AFTER_SECONDS: '3',
      PAYMENT_RECONCILE_SWEEP_SECONDS: '86400',
      DB_STATEMENT_TIMEOUT_MS: '500',
    });
    other = new Client({ connectionString: t.postgres.url });
    await other.connect();
  }, 60_000);
  afterAll(async () => {
    await other?.end();
    await t?.close();
  });

  const pendingOf = async (orderId: string, type: 'payment' | 'refund') =>
    (await other.query<{ id: string }>("select id from transactions where order_id = $1 and type = $2 and status = 'pending'", [orderId, type])).rows;

  /** Sends the request; once its transaction is pending with the processor, holds the order's row past the timeout. */
  async function withOrderLockedDuringSettlement<T>(orderId: string, type: 'payment' | 'refund', request: () => Promise<T>) {
    const reply = request();
    while ((await pendingOf(orderId, type)).length === 0) await sleep(20);
    await other.query('begin');
    await other.query('select id from orders where id = $1 for update', [orderId]);
    try {
      return { reply: await reply, pendingId: (await pendingOf(orderId, type))[0].id };
    } finally {
      await other.query('rollback');
    }
  }

  const reconcile = async () => {
    await sleep(3_100);
    return t.app.get(PaymentReconciliationScheduler).job.runOnce();
  };
  const transactionsOf = async (orderId: string, token: string) =>
    (await t.http.get(`/api/v1/transactions?orderId=${orderId}`, { token })).body.items.map((item: { id: string; type: string; status: string; amount: { amount: number } }) => ({
      id: item.id,
      type: item.type,
      status: item.status,
      amount: item.amount.amount,
    }));

  it('refunds once when the first attempt answered 503 after the processor refunded', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer, 1000);
    const payment = await pay(t.http, customer.token, order.id);
    expect(payment.status).toBe(201);

    const first = await withOrderLockedDuringSettlement(order.id, 'refund', () => refund(t.http, admin.token, order.id, 300, 'refund-after-503'));
    expect([first.reply.status, first.reply.body.type]).toEqual([503, expect.stringMatching(/service-unavailable$/)]);
    const retry = await refund(t.http, admin.token, order.id, 300, 'refund-after-503');
    expect([retry.status, retry.body.type, retry.body.transactionId]).toEqual([504, expect.stringMatching(/payment-outcome-unknown$/), first.pendingId]);

    expect(await reconcile()).toBe(1);
    expect((await refund(t.http, admin.token, order.id, 300, 'refund-after-503')).text).toBe(retry.text);
    expect((await refund(t.http, admin.token, order.id, 700)).status).toBe(201);
    expect(await transactionsOf(order.id, admin.token)).toEqual([
      expect.objectContaining({ type: 'refund', status: 'succeeded', amount: 700 }),
      { id: first.pendingId, type: 'refund', status: 'succeeded', amount: 300 },
      { id: payment.body.id, type: 'payment', status: 'succeeded', amount: 1000 },
    ]);
    expect((await t.http.get(`/api/v1/orders/${order.id}`, { token: customer.token })).body.status).toBe('refunded');
  }, 30_000);

  it('charges once when the first attempt answered 503 after the processor charged, and its retry says so', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer, 1500);

    const first = await withOrderLockedDuringSettlement(order.id, 'payment', () => pay(t.http, customer.token, order.id, 'pm_card_visa', 'payment-after-503'));
    expect(first.reply.status).toBe(503);
    const retry = await pay(t.http, customer.token, order.id, 'pm_card_visa', 'payment-after-503');
    expect([retry.status, retry.body.transactionId]).toEqual([504, first.pendingId]);

    expect(await reconcile()).toBe(1);
    expect(await transactionsOf(order.id, admin.token)).toEqual([{ id: first.pendingId, type: 'payment', status: 'succeeded', amount: 1500 }]);
    expect((await t.http.get(`/api/v1/orders/${order.id}`, { token: customer.token })).body.status).toBe('paid');
  }, 30_000);

  it('answers a claim taken over after its process died with what the first attempt did, and refuses another request under its key', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer, 1000);
    expect((await pay(t.http, customer.token, order.id)).status).toBe(201);
    const first = await refund(t.http, admin.token, order.id, 250, 'refund-of-a-dead-process');
    expect(first.status).toBe(201);

    // As if the process had died before storing its response: the claim left in flight, then abandoned.
    await other.query(
      `update idempotency_keys set state = 'in_flight', response_status = null, response_content_type = null, response_body = null,
              created_at = now() - interval '6 minutes' where key = $1`,
      ['refund-of-a-dead-process'],
    );
    const retry = await refund(t.http, admin.token, order.id, 250, 'refund-of-a-dead-process');
    expect([retry.status, retry.body.id]).toEqual([201, first.body.id]);

    // With the stored response gone, the key still names that refund: another amount under it is another request.
    await other.query('delete from idempotency_keys where key = $1', ['refund-of-a-dead-process']);
    const reused = await refund(t.http, admin.token, order.id, 100, 'refund-of-a-dead-process');
    expect([reused.status, reused.body.type]).toEqual([422, expect.stringMatching(/idempotency-key-reused$/)]);
    expect((await transactionsOf(order.id, admin.token)).filter((item: { type: string }) => item.type === 'refund')).toEqual([
      { id: first.body.id, type: 'refund', status: 'succeeded', amount: 250 },
    ]);
  }, 30_000);
});
