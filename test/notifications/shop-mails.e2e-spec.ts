import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type * as Broker from '../../src/infrastructure/events/event-broker';
import type * as DeliveryScheduler from '../../src/modules/notifications/mail-delivery.scheduler';
import type * as ExpiryScheduler from '../../src/modules/ordering/order-expiry.scheduler';
import { Clock, loadBuilt } from '../support/built';
import { anOrder, asAdmin, type LoggedIn, newCustomer, newProduct, pay, placeOrder, refund } from '../support/journeys';
import { ManualClock } from '../support/manual-clock';
import { relayAll } from '../support/relay';
import { SmtpInbox } from '../support/smtp-inbox';
import { startTestApp, type TestApp } from '../support/test-app';

const { EventBroker } = loadBuilt<typeof Broker>('infrastructure/events/event-broker');
const { MailDeliveryScheduler } = loadBuilt<typeof DeliveryScheduler>('modules/notifications/mail-delivery.scheduler');
const { OrderExpiryScheduler } = loadBuilt<typeof ExpiryScheduler>('modules/ordering/order-expiry.scheduler');

const PAYMENT_TIMEOUT_SECONDS = 600;

/**
 * The shop's mails through a real SMTP server: each domain event a customer should hear about becomes one mail,
 * once, whatever the relay redelivers. Delivery runs by hand here (the job's own interval is a minute), so each
 * test knows that everything due has been sent when it looks.
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

  /** Relays the outbox (twice: a second pass must change nothing) and sends every mail that is due. */
  const relayAndDeliver = async () => {
    await relayAll(t);
    await relayAll(t);
    await t.app.get(MailDeliveryScheduler).job.runOnce();
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
    await t.app.get(MailDeliveryScheduler).job.runOnce();

    expect(mailsTo(customer).map((mail) => mail.subject)).toEqual([`Your order ${order.id}`]);
    const queued = await sql.execute<Array<{ key: string; status: string }>>(
      "select key, status from mail_messages where recipient = ? and template = 'order-receipt'",
      [customer.email],
    );
    expect(queued).toEqual([{ key: `${placed.id}:order-receipt`, status: 'sent' }]);
  });

  it('sends nothing for an order that was refused and rolled back', async () => {
    const customer = await newCustomer(t.http, 'Grace');
    const scarce = await newProduct(t.http, admin.token, { stock: 1 });
    expect((await placeOrder(t.http, customer.token, [{ productId: scarce.id, quantity: 2 }])).status).toBe(409);
    await relayAndDeliver();

    expect(mailsTo(customer)).toEqual([]);
    expect(await sql.execute("select 1 from mail_messages where recipient = ? and template = 'order-receipt'", [customer.email])).toEqual([]);
  });
});
