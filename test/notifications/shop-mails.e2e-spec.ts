import type { SqlEntityManager } from '@mikro-orm/sql';
import type { DomainEvent } from '../../src/domain/shared/domain-event';
import { Clock, EventBroker, EventPublisher, MailDeliveryScheduler, MikroORM, OrderExpiryScheduler, OutboxEventPublisher } from '../support/built';
import { anOrder, asAdmin, type LoggedIn, newCustomer, newProduct, pay, placeOrder, refund, stockOf } from '../support/journeys';
import { ManualClock } from '../support/manual-clock';
import { relayAll } from '../support/relay';
import { SmtpInbox } from '../support/smtp-inbox';
import { startTestApp, type TestApp } from '../support/test-app';

const PAYMENT_TIMEOUT_SECONDS = 600;

/**
 * Runs the mail delivery job until no mail due at `now` is left pending: a run asked for while the app's own tick
 * runs does nothing, so one run and a look could look too early.
 */
async function deliverAllDue(t: TestApp, sql: SqlEntityManager, now: () => Date): Promise<void> {
  const pendingDue = async () =>
    (await sql.execute<Array<{ count: number }>>(`select count(*)::int as count from mail_messages where status = 'pending' and next_attempt_at <= ?`, [now()]))[0].count;
  for (const deadline = Date.now() + 10_000; ; await new Promise((resolve) => setTimeout(resolve, 50))) {
    await t.app.get(MailDeliveryScheduler).job.runOnce();
    if ((await pendingDue()) === 0) return;
    if (Date.now() > deadline) throw new Error('mails still due after 10 s');
  }
}

/**
 * The shop's mails through a real SMTP server: each domain event a customer should hear about becomes one mail,
 * once, whatever the relay redelivers. Delivery runs by hand here (the job's own interval is a minute), until
 * everything due has been sent, so each test knows it has been when it looks.
 */
describe('The shop mails its customers', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  let admin: LoggedIn;
  let sql: SqlEntityManager;
  const clock = new ManualClock();

  beforeAll(async () => {
    inbox = await SmtpInbox.start();
    t = await startTestApp({
      env: {
        SMTP_URL: inbox.url,
        MAIL_FROM: 'Test Shop <shop@test.example>',
        PUBLIC_APP_URL: 'https://shop.test.example',
        MAIL_DELIVERY_INTERVAL_MS: '60000',
        ORDER_PAYMENT_TIMEOUT: String(PAYMENT_TIMEOUT_SECONDS),
        ORDER_EXPIRY_SWEEP_SECONDS: '3600',
      },
      override: (builder) => builder.overrideProvider(Clock).useValue(clock),
    });
    sql = t.app.get(MikroORM).em.fork() as SqlEntityManager;
    admin = await asAdmin(t.http);
  });
  afterAll(async () => {
    await t.close();
    await inbox.close();
  });

  /**
   * Relays the outbox (twice: a second pass must change nothing) and sends every mail that is due. The relay is
   * waited out until no event is left unpublished: a relay pass asked for while the app's own relay holds the lock
   * relays nothing.
   */
  const relayAndDeliver = async () => {
    const unpublished = async () => (await sql.execute<Array<{ count: number }>>('select count(*)::int as count from outbox_events where published_at is null'))[0].count;
    for (const deadline = Date.now() + 10_000; (await unpublished()) > 0; await new Promise((resolve) => setTimeout(resolve, 20))) {
      if (Date.now() > deadline) throw new Error('events still unpublished after 10 s');
      await relayAll(t);
    }
    await relayAll(t);
    await deliverAllDue(t, sql, () => clock.now());
  };
  /** The shop's mails to the customer: the link that proves a new account's address is identity's (test/identity). */
  const mailsTo = (customer: LoggedIn) => inbox.to(customer.email).filter((mail) => mail.subject !== 'Confirm your email address');

  it('sends one receipt of a placed order, with its lines and total, to the customer', async () => {
    const customer = await newCustomer(t.http, 'Alice');
    const mug = await newProduct(t.http, admin.token, { name: 'Mug', price: 1250 });
    const tea = await newProduct(t.http, admin.token, { name: 'Green tea', price: 499 });
    const order = await placeOrder(t.http, customer.token, [
      { productId: mug.id, quantity: 2 },
      { productId: tea.id, quantity: 3 },
    ]);
    expect(order.status).toBe(201);
    await relayAndDeliver();

    const [receipt, ...others] = mailsTo(customer);
    expect(others).toEqual([]);
    expect(receipt).toMatchObject({ to: [customer.email], from: '"Test Shop" <shop@test.example>', subject: `Your order ${order.body.id}` });
    expect(receipt.text).toContain('2 x Mug at $12.50 = $25.00');
    expect(receipt.text).toContain('3 x Green tea at $4.99 = $14.97');
    expect(receipt.text).toContain('Total: $39.97');
    expect(receipt.text).toContain(`https://shop.test.example/orders/${order.body.id}`);
    expect(receipt.html).toContain('>$39.97</th>');
    expect(receipt.html).toContain(`href="https://shop.test.example/orders/${order.body.id}"`);
  });

  it('escapes a product name in the receipt HTML', async () => {
    const customer = await newCustomer(t.http, 'Bob');
    const odd = await newProduct(t.http, admin.token, { name: 'Odd <b>&" name', price: 100 });
    expect((await placeOrder(t.http, customer.token, [{ productId: odd.id, quantity: 1 }])).status).toBe(201);
    await relayAndDeliver();

    const [receipt] = mailsTo(customer);
    expect(receipt.html).toContain('Odd &lt;b&gt;&amp;&quot; name');
    expect(receipt.html).not.toContain('<b>&');
    expect(receipt.text).toContain('1 x Odd <b>&" name at $1.00');
  });

  it('mails a successful payment, and a declined one with the reason in words', async () => {
    const customer = await newCustomer(t.http, 'Carol');
    const declinedOrder = await anOrder(t.http, admin.token, customer, 2500);
    expect((await pay(t.http, customer.token, declinedOrder.id, 'pm_card_chargeDeclined')).status).toBe(402);
    expect((await pay(t.http, customer.token, declinedOrder.id, 'pm_card_visa')).status).toBe(201);
    await relayAndDeliver();

    const subjects = mailsTo(customer).map((mail) => mail.subject);
    expect(subjects.sort()).toEqual(
      [`Your order ${declinedOrder.id}`, `Payment failed for order ${declinedOrder.id}`, `Payment received for order ${declinedOrder.id}`].sort(),
    );
    const failed = mailsTo(customer).find((mail) => mail.subject.startsWith('Payment failed'))!;
    expect(failed.text).toContain(`Your payment of $25.00 for order ${declinedOrder.id} failed. Your card was declined.`);
    const received = mailsTo(customer).find((mail) => mail.subject.startsWith('Payment received'))!;
    expect(received.text).toContain('We received your payment of $25.00');
  });

  it('mails a refund with its amount', async () => {
    const customer = await newCustomer(t.http, 'Dan');
    const order = await anOrder(t.http, admin.token, customer, 3000);
    expect((await pay(t.http, customer.token, order.id)).status).toBe(201);
    expect((await refund(t.http, admin.token, order.id, 400)).status).toBe(201);
    await relayAndDeliver();

    const refunds = mailsTo(customer).filter((mail) => mail.subject.startsWith('Refund'));
    expect(refunds).toHaveLength(1);
    expect(refunds[0].subject).toBe(`Refund of $4.00 for order ${order.id}`);
    expect(refunds[0].text).toContain('We refunded $4.00');
  });

  it('tells a customer an order was cancelled for want of payment, but not one they cancelled themselves', async () => {
    const customer = await newCustomer(t.http, 'Erin');
    const cancelled = await anOrder(t.http, admin.token, customer);
    expect((await t.http.post(`/api/v1/orders/${cancelled.id}/cancel`, undefined, { token: customer.token })).status).toBe(200);
    const unpaid = await anOrder(t.http, admin.token, customer);
    clock.advance(PAYMENT_TIMEOUT_SECONDS + 1);
    expect(await t.app.get(OrderExpiryScheduler).job.runOnce()).toBeGreaterThanOrEqual(1);
    await relayAndDeliver();

    const notices = mailsTo(customer).filter((mail) => !mail.subject.startsWith('Your order'));
    expect(notices.map((mail) => mail.subject)).toEqual([`Order ${unpaid.id} was cancelled`]);
    expect(notices[0].text).toContain('was not paid in time');
  });

  it('mails each event once, however often it is delivered', async () => {
    const customer = await newCustomer(t.http, 'Frank');
    const order = await anOrder(t.http, admin.token, customer);
    await relayAndDeliver();
    const [placed] = await sql.execute<Array<{ id: string; type: string; aggregate_id: string; occurred_at: Date; payload: Record<string, unknown> | string }>>(
      `select id, type, aggregate_id, occurred_at, payload from outbox_events where aggregate_id = ? and type = 'order.placed'`,
      [order.id],
    );
    const again = {
      id: placed.id,
      type: placed.type,
      aggregateId: placed.aggregate_id,
      occurredAt: new Date(placed.occurred_at),
      payload: typeof placed.payload === 'string' ? JSON.parse(placed.payload) : placed.payload,
    };
    await t.app.get(EventBroker).publish(again);
    await t.app.get(EventBroker).publishAll([again, again]);
    await deliverAllDue(t, sql, () => clock.now());

    expect(mailsTo(customer).map((mail) => mail.subject)).toEqual([`Your order ${order.id}`]);
    const queued = await sql.execute<Array<{ key: string; status: string }>>(
      "select key, status from mail_messages where recipient = ? and template = 'order-receipt'",
      [customer.email],
    );
    expect(queued).toEqual([{ key: `${placed.id}:order-receipt`, status: 'sent' }]);
  });

});

/**
 * A mail is sent only after its change commits: here the event of a placed order is written to the outbox, and then
 * the use case fails (its publisher throws after writing), so the order's transaction rolls back with the event in it.
 */
describe('A change that rolls back after its event was written', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  let sql: SqlEntityManager;
  /** What the publisher saw in the transaction: the event's aggregate, and whether its outbox row was there. */
  const written: Array<{ aggregateId: string; rowsInTransaction: number }> = [];

  /** Writes the events to the outbox like the real publisher, then fails the use case for a placed order. */
  class PublishThenFail extends EventPublisher {
    private readonly outbox: InstanceType<typeof OutboxEventPublisher>;

    constructor(private readonly em: SqlEntityManager) {
      super();
      this.outbox = new OutboxEventPublisher(em);
    }

    async publish(events: readonly DomainEvent[]): Promise<void> {
      await this.outbox.publish(events);
      const placed = events.find((event) => event.type === 'order.placed');
      if (!placed) return;
      const [{ count }] = await this.em.execute<Array<{ count: number }>>('select count(*)::int as count from outbox_events where aggregate_id = ?', [placed.aggregateId]);
      written.push({ aggregateId: placed.aggregateId, rowsInTransaction: count });
      throw new Error('the use case fails after its event was written');
    }
  }

  beforeAll(async () => {
    inbox = await SmtpInbox.start();
    t = await startTestApp({
      env: { SMTP_URL: inbox.url, MAIL_DELIVERY_INTERVAL_MS: '60000' },
      // The ORM's EntityManager, as the real publisher gets it: inside a unit of work it resolves to the transaction.
      override: (builder) => builder.overrideProvider(EventPublisher).useFactory({ inject: [MikroORM], factory: (orm: InstanceType<typeof MikroORM>) => new PublishThenFail(orm.em as SqlEntityManager) }),
    });
    sql = t.app.get(MikroORM).em.fork() as SqlEntityManager;
  });
  afterAll(async () => {
    await t?.close();
    await inbox?.close();
  });

  it('leaves no outbox row, queues no mail and sends none', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http, 'Grace');
    const product = await newProduct(t.http, admin.token, { stock: 5 });
    expect((await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 1 }])).status).toBe(500);
    expect(written).toHaveLength(1);
    expect(written[0].rowsInTransaction).toBe(1); // the event was in the outbox, inside the transaction

    await relayAll(t);
    await deliverAllDue(t, sql, () => new Date());
    expect(await sql.execute('select 1 from outbox_events where aggregate_id = ?', [written[0].aggregateId])).toEqual([]);
    expect(await sql.execute('select 1 from orders where id = ?', [written[0].aggregateId])).toEqual([]);
    expect(await sql.execute("select 1 from mail_messages where template = 'order-receipt'")).toEqual([]);
    expect(inbox.to(customer.email).filter((mail) => mail.subject.startsWith('Your order'))).toEqual([]);
    expect((await stockOf(t.http, product.id, admin.token))).toBe(5);
  });
});
