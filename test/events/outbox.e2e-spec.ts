import type { SqlEntityManager } from '@mikro-orm/sql';
import { EventBroker, MikroORM, OutboxRelay } from '../support/built';
import { anOrder, asAdmin, type LoggedIn, newCustomer, newProduct, pay, placeOrder, refund } from '../support/journeys';
import { relayAll } from '../support/relay';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The transactional outbox with the in-process dispatcher (no NATS_URL): every change's events are written in
 * its transaction, relayed in order, and recorded by the audit context's consumer exactly once.
 */
describe('Domain events through the outbox', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let sql: SqlEntityManager;
  const auditOf = (aggregateId: string) =>
    sql.execute<Array<{ type: string }>>('select type from audit_log where aggregate_id = ? order by occurred_at, recorded_at', [aggregateId]);
  const outboxOf = (aggregateId: string) =>
    sql.execute<Array<{ type: string; published_at: Date | null }>>('select type, published_at from outbox_events where aggregate_id = ? order by position', [aggregateId]);

  beforeAll(async () => {
    t = await startTestApp();
    sql = t.app.get(MikroORM).em.fork() as SqlEntityManager;
    admin = await asAdmin(t.http);
  });
  afterAll(() => t.close());

  it('records each event of an order and its money in the audit log once, in the order they happened', async () => {
    const customer = await newCustomer(t.http, 'Eve');
    const order = await anOrder(t.http, admin.token, customer, 4000);
    expect((await pay(t.http, customer.token, order.id)).status).toBe(201);
    const refunded = await refund(t.http, admin.token, order.id, 4000);
    expect(refunded.status).toBe(201);
    await relayAll(t);
    await relayAll(t); // a second pass finds nothing new and duplicates nothing

    expect((await auditOf(customer.userId)).map((e) => e.type).sort()).toEqual(['email-verification.requested', 'user.registered']); // one instant: no order between them
    expect((await auditOf(order.id)).map((e) => e.type)).toEqual(['order.placed', 'order.paid', 'order.refunded']);
    expect((await auditOf(refunded.body.id)).map((e) => e.type)).toEqual(['refund.issued']);
    expect((await outboxOf(order.id)).every((row) => row.published_at !== null)).toBe(true);
    const [placed] = await sql.execute<Array<{ payload: { customerId: string; totalAmount: number } }>>(
      "select payload from audit_log where aggregate_id = ? and type = 'order.placed'",
      [order.id],
    );
    expect(placed.payload).toMatchObject({ customerId: customer.userId, totalAmount: 4000 });
  });

  it('writes no event for a change that was refused', async () => {
    const customer = await newCustomer(t.http, 'Frank');
    const scarce = await newProduct(t.http, admin.token, { stock: 1 });
    const before = await sql.execute<Array<{ count: string }>>("select count(*) as count from outbox_events where type = 'order.placed'");
    expect((await placeOrder(t.http, customer.token, [{ productId: scarce.id, quantity: 2 }])).status).toBe(409);
    const after = await sql.execute<Array<{ count: string }>>("select count(*) as count from outbox_events where type = 'order.placed'");
    expect(after[0].count).toBe(before[0].count);
  });

  it('leaves the audit log unchanged when an event is delivered again', async () => {
    const customer = await newCustomer(t.http, 'Grace');
    await relayAll(t);
    const [event] = await sql.execute<Array<{ id: string; type: string; aggregate_id: string; occurred_at: Date; payload: Record<string, unknown> }>>(
      "select id, type, aggregate_id, occurred_at, payload from outbox_events where aggregate_id = ? and type = 'user.registered'",
      [customer.userId],
    );
    const again = { id: event.id, type: event.type, aggregateId: event.aggregate_id, occurredAt: new Date(event.occurred_at), payload: event.payload };
    await t.app.get(EventBroker).publish(again);
    await t.app.get(EventBroker).publish(again);
    expect(await t.app.get(EventBroker).publishAll([again, again])).toEqual({ published: 2 }); // one batch, one statement
    expect((await auditOf(customer.userId)).map((e) => e.type).sort()).toEqual(['email-verification.requested', 'user.registered']); // one instant: no order between them
  });

  it('forgets published events after the retention, never unpublished ones', async () => {
    await relayAll(t);
    await sql.execute("update outbox_events set published_at = now() - interval '8 days' where published_at is not null");
    const customer = await newCustomer(t.http, 'Heidi'); // committed just now, relayed or not
    expect(await t.app.get(OutboxRelay).purgePublished(7)).toBeGreaterThan(0);
    expect(await sql.execute("select id from outbox_events where published_at < now() - interval '7 days'")).toEqual([]);
    expect((await outboxOf(customer.userId)).map((row) => row.type)).toEqual(['user.registered', 'email-verification.requested']);
  });
});
