import { asAdmin, newCustomer, newProduct, pay, placeOrder, stockOf } from '../support/journeys';
import { Clock, MikroORM, OrderExpiryScheduler } from '../support/built';
import { ManualClock } from '../support/manual-clock';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Expiry of unpaid orders', () => {
  let t: TestApp;
  const clock = new ManualClock();
  beforeAll(async () => {
    t = await startTestApp({
      env: { ORDER_PAYMENT_TIMEOUT: '60' },
      override: (builder) => builder.overrideProvider(Clock).useValue(clock),
    });
  });
  afterAll(() => t.close());

  const sweep = () => t.app.get(OrderExpiryScheduler).job.runOnce();

  it('cancels orders unpaid past the timeout and puts their stock back on sale, once', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const product = await newProduct(t.http, admin.token, { stock: 10 });
    const stale = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 3 }]);
    clock.advance(30);
    const fresh = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 2 }]);
    expect(await stockOf(t.http, product.id)).toBe(5);

    expect(await sweep()).toBe(0);
    clock.advance(31); // the first order is now 61 s old, the second 31 s
    expect(await sweep()).toBe(1);
    expect(await sweep()).toBe(0);

    const expired = await t.http.get(`/api/v1/orders/${stale.body.id}`, { token: customer.token });
    expect(expired.body).toMatchObject({ status: 'cancelled', cancellationReason: 'payment_timeout' });
    expect((await t.http.get(`/api/v1/orders/${fresh.body.id}`, { token: customer.token })).body.status).toBe('pending_payment');
    expect(await stockOf(t.http, product.id)).toBe(8);
    const pay = await t.http.post(`/api/v1/orders/${stale.body.id}/payments`, { paymentMethod: 'pm_card_visa' }, { token: customer.token, headers: { 'idempotency-key': 'late-payment' } });
    expect(pay.status).toBe(409);
  });

  // A placement takes its products in id order; a sweep that released the first-due order's product before the
  // next one's held one product while it waited for another, the other way round: a deadlock, and a 500.
  it('puts a batch\'s stock back in product order, each product once, as a placement takes it', async () => {
    clock.advance(61);
    await sweep(); // what the test before left unpaid
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const first = await newProduct(t.http, admin.token, { stock: 10 });
    const second = await newProduct(t.http, admin.token, { stock: 10 });
    const [low, high] = [first.id, second.id].sort();
    await placeOrder(t.http, customer.token, [{ productId: high, quantity: 1 }]);
    clock.advance(1);
    await placeOrder(t.http, customer.token, [{ productId: low, quantity: 2 }]);
    clock.advance(1);
    await placeOrder(t.http, customer.token, [{ productId: high, quantity: 3 }]);
    clock.advance(61);

    const statements = jest.spyOn(t.app.get(MikroORM).em.getConnection(), 'execute');
    try {
      expect(await sweep()).toBe(3);
      const putBack = statements.mock.calls.filter(([sql]) => String(sql).startsWith('update products set stock = stock +')).map(([, params]) => params);
      expect(putBack).toEqual([
        [2, low],
        [4, high],
      ]);
    } finally {
      statements.mockRestore();
    }
    expect([await stockOf(t.http, low), await stockOf(t.http, high)]).toEqual([10, 10]);
  });

  // Expiry runs every few seconds; until its next run an order past its deadline is still stored as awaiting payment.
  it('refuses to charge an order past its deadline before expiry has run: a 409, no transaction, and expiry still cancels it', async () => {
    clock.advance(61);
    await sweep(); // what the tests before left unpaid
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const product = await newProduct(t.http, admin.token, { stock: 10 });
    const paidInTime = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 1 }]);
    const late = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 2 }]);
    expect((await pay(t.http, customer.token, paidInTime.body.id, 'pm_card_visa', 'in-time')).status).toBe(201);
    clock.advance(60); // exactly their deadline

    const refused = await pay(t.http, customer.token, late.body.id);
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/payment-deadline-passed$/);
    const charges = await t.http.get(`/api/v1/transactions?orderId=${late.body.id}`, { token: customer.token });
    expect(charges.body.items).toEqual([]);
    // A retry of the payment made in time is replayed under its key, not refused for the deadline.
    const retried = await pay(t.http, customer.token, paidInTime.body.id, 'pm_card_visa', 'in-time');
    expect(retried.status).toBe(201);
    expect(await sweep()).toBe(1);
    expect((await t.http.get(`/api/v1/orders/${late.body.id}`, { token: customer.token })).body).toMatchObject({ status: 'cancelled', cancellationReason: 'payment_timeout' });
    expect(await stockOf(t.http, product.id)).toBe(9);
  });

  it('counts toward MAX_OPEN_ORDERS only the orders still payable: those past their deadline leave room before expiry runs', async () => {
    clock.advance(61);
    await sweep();
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const product = await newProduct(t.http, admin.token, { stock: 100 });
    const place = () => placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 1 }]);
    for (let i = 0; i < 20; i += 1) expect((await place()).status).toBe(201);
    const capped = await place();
    expect(capped.status).toBe(409);
    expect(capped.body.type).toMatch(/too-many-open-orders$/);
    clock.advance(60);
    expect((await place()).status).toBe(201);
    expect(await sweep()).toBe(20);
  });
});
