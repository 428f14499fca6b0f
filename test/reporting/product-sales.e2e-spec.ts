import { MikroORM, RecordProductSales } from '../support/built';
import { asAdmin, type LoggedIn, newCustomer, newProduct, pay, placeOrder } from '../support/journeys';
import { relayAll } from '../support/relay';
import { startTestApp, type TestApp } from '../support/test-app';

/** The read model behind GET /reports/top-products, fed by order.paid through the outbox. */
describe('Product sales, the top-products read model', () => {
  let t: TestApp;
  let admin: LoggedIn;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await asAdmin(t.http);
  });
  afterAll(() => t.close());

  const sold = async (productId: string) => {
    // Yesterday to tomorrow: a run across midnight UTC still finds a payment made today.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const top = await t.http.get(`/api/v1/reports/top-products?from=${day(-1)}&to=${day(1)}&limit=100`, { token: admin.token });
    expect(top.status).toBe(200);
    return top.body.find((row: { productId: string }) => row.productId === productId) as { name: string; unitsSold: number; revenue: { amount: number } } | undefined;
  };

  /** An order of `quantity` of a fresh product at 700, paid. */
  async function paidOrder(quantity: number) {
    const customer = await newCustomer(t.http);
    const product = await newProduct(t.http, admin.token, { price: 700 });
    const order = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity }]);
    expect((await pay(t.http, customer.token, order.body.id)).status).toBe(201);
    return { product, orderId: order.body.id as string };
  }

  it('counts an order once on its day of payment, however often its order.paid is delivered', async () => {
    const { product, orderId } = await paidOrder(3);
    const unpaid = await placeOrder(t.http, (await newCustomer(t.http)).token, [{ productId: product.id, quantity: 5 }]);
    expect(unpaid.status).toBe(201);
    await relayAll(t);
    expect(await sold(product.id)).toMatchObject({ unitsSold: 3, revenue: { amount: 2100 } });

    const redelivered = { id: 'a redelivery', type: 'order.paid', aggregateId: orderId, occurredAt: new Date(), payload: {} };
    await t.app.get(RecordProductSales).handleAll([redelivered, redelivered]);
    expect(await sold(product.id)).toMatchObject({ unitsSold: 3, revenue: { amount: 2100 } });
  });

  it('names a product as the catalogue names it now, not by one of the names it was sold under', async () => {
    const { product } = await paidOrder(1);
    expect((await t.http.patch(`/api/v1/products/${product.id}`, { name: 'A renamed product' }, { token: admin.token })).status).toBe(200);
    const customer = await newCustomer(t.http);
    const again = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 2 }]);
    expect((await pay(t.http, customer.token, again.body.id)).status).toBe(201);
    await relayAll(t);
    expect(await sold(product.id)).toMatchObject({ name: 'A renamed product', unitsSold: 3, revenue: { amount: 2100 } });
  });

  it('counts the orders paid before the read model existed, once its migration runs', async () => {
    const { product } = await paidOrder(2);
    await relayAll(t);
    const migrator = t.app.get(MikroORM).migrator;
    await migrator.down({ to: 'M008AuditLog' });
    await migrator.up();
    expect(await sold(product.id)).toMatchObject({ unitsSold: 2, revenue: { amount: 1400 } });
  });
});
