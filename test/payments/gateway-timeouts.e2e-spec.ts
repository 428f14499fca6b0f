import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MikroORM, OrderExpiryScheduler } from '../support/built';
import { anOrder, asAdmin, newCustomer, newProduct, pay, placeOrder, stockOf } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

describe('A slow payment gateway and impatient clients', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { PAYMENT_GATEWAY_LATENCY_MS: '1500' } });
  });
  afterAll(() => t.close());

  it('charges once however often the client retries while the gateway is slow', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer);
    const key = randomUUID();
    const first = pay(t.http, customer.token, order.id, 'pm_card_visa', key); // the client gives up waiting on this one
    // The retries go out once the first request holds the key (its payment is then with the slow gateway).
    const claimed = () => t.app.get(MikroORM).em.getConnection().execute<Array<{ state: string }>>('select state from idempotency_keys where key = ?', [key]);
    const deadline = Date.now() + 5_000;
    while ((await claimed()).length === 0 && Date.now() < deadline) await sleep(20);
    expect(await claimed()).toEqual([{ state: 'in_flight' }]);
    const retries = await Promise.all([1, 2, 3].map(() => pay(t.http, customer.token, order.id, 'pm_card_visa', key)));
    expect(retries.map((r) => r.status)).toEqual([409, 409, 409]);
    expect(retries[0].body.type).toMatch(/idempotent-request-in-flight$/);
    const original = await first;
    expect(original.status).toBe(201);
    const later = await pay(t.http, customer.token, order.id, 'pm_card_visa', key);
    expect(later.text).toBe(original.text);
    const history = await t.http.get(`/api/v1/transactions?orderId=${order.id}`, { token: admin.token });
    expect(history.body.items).toEqual([expect.objectContaining({ type: 'payment', status: 'succeeded' })]);
  });

  it('keeps an order whose payment is with the gateway: both cancels refused, expiry past its deadline passing it over, then paid', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const product = await newProduct(t.http, admin.token, { stock: 10 });
    const order = (await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 3 }])).body as { id: string };
    const sql = t.app.get(MikroORM).em.getConnection();
    const paying = pay(t.http, customer.token, order.id);
    // Its pending transaction committed, the payment is with the gateway for 1.5 s.
    const pending = () => sql.execute<unknown[]>(`select 1 from transactions where order_id = ? and status = 'pending'`, [order.id]);
    for (const deadline = Date.now() + 5_000; (await pending()).length === 0 && Date.now() < deadline; ) await sleep(20);
    expect(await pending()).toHaveLength(1);

    const cancels = [
      await t.http.post(`/api/v1/orders/${order.id}/cancel`, undefined, { token: customer.token }),
      await t.http.post(`/api/v1/orders/${order.id}/cancel`, undefined, { token: admin.token }),
    ];
    expect(cancels.map((reply) => [reply.status, reply.body.type])).toEqual(Array(2).fill([409, expect.stringMatching(/payment-in-progress$/)]));
    // Its deadline passes while the gateway answers: the expiry sweep must leave it to the payment.
    await sql.execute(`update orders set payment_due_at = now() - interval '1 minute' where id = ?`, [order.id]);
    await t.app.get(OrderExpiryScheduler).job.runOnce();
    expect((await t.http.get(`/api/v1/orders/${order.id}`, { token: customer.token })).body.status).toBe('pending_payment');

    expect((await paying).status).toBe(201);
    expect((await t.http.get(`/api/v1/orders/${order.id}`, { token: customer.token })).body.status).toBe('paid');
    expect(await stockOf(t.http, product.id)).toBe(7);
  });
});
