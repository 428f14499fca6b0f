import { asAdmin, newCustomer, newProduct, placeOrder, stockOf, type LoggedIn } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Order lifecycle and ownership', () => {
  let t: TestApp;
  let admin: LoggedIn;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await asAdmin(t.http);
  });
  afterAll(() => t.close());

  it('cancels an unpaid order and restores its stock exactly once, even when cancelled twice at once', async () => {
    const customer = await newCustomer(t.http);
    const product = await newProduct(t.http, admin.token, { stock: 10 });
    const order = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 4 }]);
    expect(await stockOf(t.http, product.id)).toBe(6);
    const cancels = await Promise.all([
      t.http.post(`/api/v1/orders/${order.body.id}/cancel`, undefined, { token: customer.token }),
      t.http.post(`/api/v1/orders/${order.body.id}/cancel`, undefined, { token: customer.token }),
    ]);
    expect(cancels.map((r) => r.status).sort()).toEqual([200, 409]);
    const cancelled = cancels.find((r) => r.status === 200)!;
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellationReason: 'customer' });
    const refused = cancels.find((r) => r.status === 409)!;
    expect(refused.body).toMatchObject({ currentStatus: 'cancelled', requestedStatus: 'cancelled' });
    expect(await stockOf(t.http, product.id)).toBe(10);
  });

  it('hides other customers\' orders as if they did not exist', async () => {
    const owner = await newCustomer(t.http, 'Owner');
    const intruder = await newCustomer(t.http, 'Intruder');
    const product = await newProduct(t.http, admin.token);
    const order = await placeOrder(t.http, owner.token, [{ productId: product.id, quantity: 1 }]);
    const id = order.body.id;
    const read = await t.http.get(`/api/v1/orders/${id}`, { token: intruder.token });
    const cancel = await t.http.post(`/api/v1/orders/${id}/cancel`, undefined, { token: intruder.token });
    const pay = await t.http.post(`/api/v1/orders/${id}/payments`, { paymentMethod: 'pm_card_visa' }, { token: intruder.token, headers: { 'idempotency-key': 'intruder-1' } });
    expect([read.status, cancel.status, pay.status]).toEqual([404, 404, 404]);
    const missing = await t.http.get('/api/v1/orders/01937c5e-8a4b-7cde-9f01-23456789abcd', { token: intruder.token });
    const strip = ({ traceId, instance, detail, ...rest }: Record<string, unknown>) => rest;
    expect(strip(read.body)).toEqual(strip(missing.body));
    const list = await t.http.get(`/api/v1/orders?customerId=${owner.userId}`, { token: intruder.token });
    expect(list.body.items).toEqual([]);
    expect((await t.http.get(`/api/v1/orders/${id}`, { token: owner.token })).status).toBe(200);
    expect((await t.http.get(`/api/v1/orders/${id}`, { token: admin.token })).status).toBe(200);
  });

  it('lets admins list everyone\'s orders, filtered by customer and status', async () => {
    const customer = await newCustomer(t.http);
    const product = await newProduct(t.http, admin.token);
    const kept = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 1 }]);
    const dropped = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 1 }]);
    await t.http.post(`/api/v1/orders/${dropped.body.id}/cancel`, undefined, { token: admin.token });
    const all = await t.http.get(`/api/v1/orders?customerId=${customer.userId}`, { token: admin.token });
    expect(all.body.items.map((o: { id: string }) => o.id)).toEqual([dropped.body.id, kept.body.id]);
    const cancelled = await t.http.get(`/api/v1/orders?customerId=${customer.userId}&status=cancelled`, { token: admin.token });
    expect(cancelled.body.items).toEqual([expect.objectContaining({ id: dropped.body.id, cancellationReason: 'admin' })]);
  });

  it('fulfils only paid orders, and only for admins', async () => {
    const customer = await newCustomer(t.http);
    const product = await newProduct(t.http, admin.token);
    const order = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 1 }]);
    const early = await t.http.post(`/api/v1/orders/${order.body.id}/fulfil`, undefined, { token: admin.token });
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain('is pending_payment; it cannot become fulfilled');
    await t.http.post(`/api/v1/orders/${order.body.id}/payments`, { paymentMethod: 'pm_card_visa' }, { token: customer.token, headers: { 'idempotency-key': `pay-${order.body.id}` } });
    expect((await t.http.post(`/api/v1/orders/${order.body.id}/fulfil`, undefined, { token: customer.token })).status).toBe(403);
    const fulfilled = await t.http.post(`/api/v1/orders/${order.body.id}/fulfil`, undefined, { token: admin.token });
    expect(fulfilled.body).toMatchObject({ status: 'fulfilled', fulfilledAt: expect.any(String) });
    const cancel = await t.http.post(`/api/v1/orders/${order.body.id}/cancel`, undefined, { token: customer.token });
    expect(cancel.status).toBe(409);
  });
});
