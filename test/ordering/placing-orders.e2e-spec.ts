import type { SqlEntityManager } from '@mikro-orm/sql';
import { asAdmin, newCustomer, newProduct, placeOrder, stockOf, type LoggedIn } from '../support/journeys';
import { MikroORM, utcInstant } from '../support/built';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Placing orders', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let customer: LoggedIn;
  beforeAll(async () => {
    t = await startTestApp({ env: { MAX_OPEN_ORDERS: '1000' } });
    admin = await asAdmin(t.http);
    customer = await newCustomer(t.http);
  });
  afterAll(() => t.close());

  it('prices lines from the catalogue and reserves their stock', async () => {
    const mug = await newProduct(t.http, admin.token, { price: 1299, stock: 10 });
    const tee = await newProduct(t.http, admin.token, { price: 2500, stock: 5 });
    const order = await placeOrder(t.http, customer.token, [
      { productId: mug.id, quantity: 3 },
      { productId: tee.id, quantity: 1 },
    ]);
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({
      status: 'pending_payment',
      customerId: customer.userId,
      total: { amount: 3 * 1299 + 2500, currency: 'USD' },
      lines: [
        { productId: mug.id, sku: mug.sku, unitPrice: { amount: 1299, currency: 'USD' }, quantity: 3, lineTotal: { amount: 3897, currency: 'USD' } },
        { productId: tee.id, sku: tee.sku, unitPrice: { amount: 2500, currency: 'USD' }, quantity: 1, lineTotal: { amount: 2500, currency: 'USD' } },
      ],
    });
    expect(await stockOf(t.http, mug.id)).toBe(7);
    expect(await stockOf(t.http, tee.id)).toBe(4);
  });

  it('stores the order as placed: every column of its row holds what the reply says', async () => {
    const mug = await newProduct(t.http, admin.token, { name: 'Stored mug', price: 1299, stock: 10 });
    const order = await placeOrder(t.http, customer.token, [{ productId: mug.id, quantity: 2 }]);
    expect(order.status).toBe(201);
    const [row] = await (t.app.get(MikroORM).em.fork() as SqlEntityManager).execute(
      `select id, customer_id, status, lines, currency, total_amount::text as total_amount, version, paid_at, fulfilled_at, cancelled_at,
              cancellation_reason, refunded_at, ${['created_at', 'updated_at', 'payment_due_at'].map(utcInstant).join(', ')}
         from orders where id = ?`,
      [order.body.id],
    );
    expect(row).toEqual({
      id: order.body.id,
      customer_id: customer.userId,
      status: 'pending_payment',
      lines: [{ productId: mug.id, sku: mug.sku, name: 'Stored mug', unitPrice: 1299, quantity: 2, lineTotal: 2598 }],
      currency: 'USD',
      total_amount: '2598',
      version: 1,
      paid_at: null,
      fulfilled_at: null,
      cancelled_at: null,
      cancellation_reason: null,
      refunded_at: null,
      created_at: order.body.createdAt,
      updated_at: order.body.updatedAt,
      payment_due_at: order.body.paymentDueAt,
    });
  });

  it('takes product ids in capitals as the same products, and each product once', async () => {
    const mug = await newProduct(t.http, admin.token, { stock: 10 });
    const order = await placeOrder(t.http, customer.token, [{ productId: mug.id.toUpperCase(), quantity: 2 }]);
    expect(order.status).toBe(201);
    expect(order.body.lines).toEqual([expect.objectContaining({ productId: mug.id, quantity: 2 })]);
    const twice = await placeOrder(t.http, customer.token, [
      { productId: mug.id.toUpperCase(), quantity: 1 },
      { productId: mug.id, quantity: 1 },
    ]);
    expect(twice.status).toBe(400);
    expect((await t.http.get(`/api/v1/orders/${order.body.id.toUpperCase()}`, { token: customer.token })).body.id).toBe(order.body.id);
    expect(await stockOf(t.http, mug.id)).toBe(8);
  });

  // A total is a sum: it may pass the largest price a client may send, and the document allows what is replied.
  it('places an order whose total passes the largest price, replying the total as documented', async () => {
    const product = await newProduct(t.http, admin.token, { price: 1_000_000_000, stock: 20_000 });
    const order = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 10_000 }]);
    expect(order.status).toBe(201);
    expect(order.body.total).toEqual({ amount: 10_000_000_000_000, currency: 'USD' });
  });

  it('refuses an order whose total would pass 2^53 minor units with a 422 saying so, and reserves nothing', async () => {
    const product = await newProduct(t.http, admin.token, { price: 1_000_000_000_000, stock: 20_000 });
    const order = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 10_000 }]);
    expect(order.status).toBe(422);
    expect(order.body.type).toMatch(/order-total-too-large$/);
    expect(await stockOf(t.http, product.id)).toBe(20_000);
  });

  it('reserves nothing on any line when one line is short', async () => {
    const plenty = await newProduct(t.http, admin.token, { stock: 50 });
    const scarce = await newProduct(t.http, admin.token, { stock: 2 });
    const order = await placeOrder(t.http, customer.token, [
      { productId: plenty.id, quantity: 5 },
      { productId: scarce.id, quantity: 3 },
    ]);
    expect(order.status).toBe(409);
    expect(order.body).toMatchObject({ type: expect.stringMatching(/out-of-stock$/), productIds: [scarce.id] });
    expect(await stockOf(t.http, plenty.id)).toBe(50);
    expect(await stockOf(t.http, scarce.id)).toBe(2);
  });

  it('refuses malformed lines with 400, naming the field', async () => {
    const product = await newProduct(t.http, admin.token);
    const line = (quantity: unknown) => ({ productId: product.id, quantity });
    const quantity = 'items[0].quantity';
    const bodies: Array<[unknown, string]> = [
      [{ items: [line(0)] }, quantity],
      [{ items: [line(-1)] }, quantity],
      [{ items: [line(1.5)] }, quantity],
      [{ items: [line('2')] }, quantity],
      [{ items: [line(null)] }, quantity],
      [{ items: [line(10_001)] }, quantity],
      [{ items: [] }, 'items'],
      [{ items: [line(1), line(2)] }, 'items'],
      [{ items: Array.from({ length: 51 }, (_, i) => ({ productId: `01937c5e-8a4b-7cde-9f01-${String(i).padStart(12, '0')}`, quantity: 1 })) }, 'items'],
      [{ items: [{ productId: 'not-a-uuid', quantity: 1 }] }, 'items[0].productId'],
      [{ items: 'everything' }, 'items'],
      [{ items: [[line(1)]] }, 'items'],
      [{ items: [[]] }, 'items'],
      [{}, 'items'],
    ];
    for (const [body, field] of bodies) {
      const reply = await t.http.post('/api/v1/orders', body, { token: customer.token });
      const fields = [...new Set((reply.body.errors ?? []).map((error: { field: string }) => error.field))];
      expect({ body, status: reply.status, type: reply.body.type, fields }).toEqual({ body, status: 400, type: expect.stringMatching(/\/validation-failed$/), fields: [field] });
    }
    expect(await stockOf(t.http, product.id)).toBe(100);
  });

  it('never takes prices or totals from the client', async () => {
    const product = await newProduct(t.http, admin.token, { price: 1000 });
    const withPrice = await t.http.post(
      '/api/v1/orders',
      { items: [{ productId: product.id, quantity: 1, unitPrice: { amount: 1, currency: 'USD' } }] },
      { token: customer.token },
    );
    expect(withPrice.status).toBe(400);
    const withTotal = await t.http.post('/api/v1/orders', { items: [{ productId: product.id, quantity: 1 }], total: 1 }, { token: customer.token });
    expect(withTotal.status).toBe(400);
  });

  it('answers 422 for an unknown product and lists it', async () => {
    const unknown = '01937c5e-8a4b-7cde-9f01-23456789abcd';
    const reply = await placeOrder(t.http, customer.token, [{ productId: unknown, quantity: 1 }]);
    expect(reply.status).toBe(422);
    expect(reply.body.productIds).toEqual([unknown]);
  });

  it('answers 422 naming only the products not on sale, over a short line, and reserves nothing', async () => {
    const onSale = await newProduct(t.http, admin.token, { stock: 10 });
    const scarce = await newProduct(t.http, admin.token, { stock: 1 });
    const archived = await newProduct(t.http, admin.token);
    await t.http.delete(`/api/v1/products/${archived.id}`, { token: admin.token });
    const unknown = '01937c5e-8a4b-7cde-9f01-23456789abce';
    const reply = await placeOrder(t.http, customer.token, [
      { productId: onSale.id, quantity: 2 },
      { productId: scarce.id, quantity: 2 },
      { productId: archived.id, quantity: 1 },
      { productId: unknown, quantity: 1 },
    ]);
    expect(reply.status).toBe(422);
    expect(reply.body.type).toMatch(/products-not-orderable$/);
    expect([...reply.body.productIds].sort()).toEqual([archived.id, unknown].sort());
    expect(await stockOf(t.http, onSale.id)).toBe(10);
    expect(await stockOf(t.http, scarce.id)).toBe(1);
  });

  it('lets customers, not admins, place orders', async () => {
    const product = await newProduct(t.http, admin.token);
    expect((await placeOrder(t.http, admin.token, [{ productId: product.id, quantity: 1 }])).status).toBe(403);
    expect((await t.http.post('/api/v1/orders', { items: [{ productId: product.id, quantity: 1 }] })).status).toBe(401);
  });
});

describe('The cap on unpaid orders', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { MAX_OPEN_ORDERS: '2' } });
  });
  afterAll(() => t.close());

  it('refuses a third unpaid order with 409 until one is cancelled', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const product = await newProduct(t.http, admin.token);
    const items = [{ productId: product.id, quantity: 1 }];
    const first = await placeOrder(t.http, customer.token, items);
    expect((await placeOrder(t.http, customer.token, items)).status).toBe(201);
    const third = await placeOrder(t.http, customer.token, items);
    expect(third.status).toBe(409);
    expect(third.body.type).toMatch(/too-many-open-orders$/);
    await t.http.post(`/api/v1/orders/${first.body.id}/cancel`, undefined, { token: customer.token });
    expect((await placeOrder(t.http, customer.token, items)).status).toBe(201);
    expect(await stockOf(t.http, product.id)).toBe(98);
  });

  it('holds the cap for orders placed at once: two of ten placed, the others refused, stock taken for two', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const product = await newProduct(t.http, admin.token);
    const replies = await Promise.all(Array.from({ length: 10 }, () => placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 1 }])));
    expect(replies.map((reply) => reply.status).sort()).toEqual([201, 201, ...Array(8).fill(409)]);
    expect(await stockOf(t.http, product.id)).toBe(98);
  });
});
