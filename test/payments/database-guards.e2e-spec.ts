import type { SqlEntityManager } from '@mikro-orm/sql';
import { anOrder, asAdmin, newCustomer, pay, refund } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';
import { MikroORM } from '../support/built';

/** The database refuses what the code must never do, even if a bug in the code tried. */
describe('Database guards on money', () => {
  let t: TestApp;
  let sql: SqlEntityManager;
  beforeAll(async () => {
    t = await startTestApp();
    sql = t.app.get(MikroORM).em.fork() as SqlEntityManager;
  });
  afterAll(() => t.close());

  const insertTransaction = (orderId: string, customerId: string, type: string, status: string, amount: number, em: SqlEntityManager = sql) =>
    em.execute(
      `insert into transactions (id, order_id, customer_id, type, status, amount, currency, payment_method, gateway_reference,
                                 failure_code, reason, created_at, updated_at, settled_at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, 'USD', 'pm_card_visa', ?, null, null, now(), now(), ?)`,
      [orderId, customerId, type, status, amount, status === 'succeeded' ? 'ch_forged' : null, status === 'pending' ? null : new Date()],
    );

  it('refuses a second succeeded payment for one order', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer, 1000);
    expect((await pay(t.http, customer.token, order.id)).status).toBe(201);
    await expect(insertTransaction(order.id, customer.userId, 'payment', 'succeeded', 1000)).rejects.toThrow(/duplicate key value violates unique constraint "transactions_one_paid"/);
  });

  it('refuses a second pending payment for one order', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer, 1000);
    await insertTransaction(order.id, customer.userId, 'payment', 'pending', 1000);
    await expect(insertTransaction(order.id, customer.userId, 'payment', 'pending', 1000)).rejects.toThrow(/duplicate key value violates unique constraint "transactions_one_paying"/);
  });

  it('refuses refunds that add up to more than the payment', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer, 1000);
    await pay(t.http, customer.token, order.id);
    expect((await refund(t.http, admin.token, order.id, 600)).status).toBe(201);
    await expect(insertTransaction(order.id, customer.userId, 'refund', 'succeeded', 401)).rejects.toThrow(/exceed its payment/);
    await insertTransaction(order.id, customer.userId, 'refund', 'succeeded', 400);
  });

  // Reconciliation's claim of a pending refund sets only reconcile_claimed_until: a guard run there locked the order
  // (the opposite order to settling's, order then transaction) for nothing.
  it('runs the refunds\' guard only when a row\'s type, status, amount or order changes, not on reconciliation\'s claim', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer, 1000);
    await pay(t.http, customer.token, order.id);
    // A refund past the payment, written with triggers off (a superuser's setting: the tests connect as postgres):
    // the guard, had it run, would refuse any update of it.
    await sql.transactional(async (em) => {
      await em.execute('set local session_replication_role = replica');
      await insertTransaction(order.id, customer.userId, 'refund', 'pending', 1001, em as SqlEntityManager);
    });
    const claimed = await sql.execute(`update transactions set reconcile_claimed_until = now() where order_id = ? and type = 'refund' returning id`, [order.id]);
    expect(claimed).toHaveLength(1);
    await expect(sql.execute(`update transactions set amount = 1002 where order_id = ? and type = 'refund'`, [order.id])).rejects.toThrow(/exceed its payment/);
  });

  it('refuses negative stock', async () => {
    const admin = await asAdmin(t.http);
    const product = (await t.http.post('/api/v1/products', { sku: 'GUARD-1', name: 'Guarded', price: { amount: 100, currency: 'USD' }, stock: 1 }, { token: admin.token })).body;
    await expect(sql.execute('update products set stock = stock - 2 where id = ?', [product.id])).rejects.toThrow(/violates check constraint "products_stock_check"/);
  });
});
