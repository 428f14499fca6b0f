import type { SqlEntityManager } from '@mikro-orm/sql';
import { Clock, MailDeliveryScheduler, MikroORM } from '../support/built';
import { asAdmin, newCustomer, newProduct, placeOrder } from '../support/journeys';
import { ManualClock } from '../support/manual-clock';
import { relayAll } from '../support/relay';
import { SmtpInbox } from '../support/smtp-inbox';
import { startTestApp, type TestApp } from '../support/test-app';

/** An SMTP server that refuses a mail delays it, on the delivery schedule, without losing or doubling it. */
describe('Mail delivery when the SMTP server refuses', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  let sql: SqlEntityManager;
  const clock = new ManualClock();

  beforeAll(async () => {
    // The receipt is refused; the link that proves the new customer's address goes through.
    inbox = await SmtpInbox.start({ refuseFirst: 1, refusing: (mail) => mail.subject.startsWith('Your order') });
    t = await startTestApp({
      env: { SMTP_URL: inbox.url, MAIL_DELIVERY_INTERVAL_MS: '60000' }, // the test runs the job itself
      override: (builder) => builder.overrideProvider(Clock).useValue(clock),
    });
    sql = t.app.get(MikroORM).em.fork() as SqlEntityManager;
  });
  afterAll(async () => {
    await t.close();
    await inbox.close();
  });

  it('retries a refused mail after 10 s and delivers it once, logging the failure without the mail', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http, 'Ivan');
    const product = await newProduct(t.http, admin.token, { name: 'Secret-looking widget' });
    const order = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 1 }]);
    expect(order.status).toBe(201);
    await relayAll(t);

    const mailRow = () =>
      sql.execute<Array<{ status: string; attempts: number; last_error: string | null; next_attempt_at: Date }>>(
        "select status, attempts, last_error, next_attempt_at from mail_messages where recipient = ? and template = 'order-receipt'",
        [customer.email],
      );
    const deliver = () => t.app.get(MailDeliveryScheduler).job.runOnce();
    const receipts = () => inbox.to(customer.email).filter((mail) => mail.subject.startsWith('Your order'));
    // The first attempt, refused, then recorded.
    await deliver();
    const [queued] = await mailRow();
    expect(inbox.refused).toBe(1);
    expect(queued).toMatchObject({ status: 'pending', attempts: 1 });
    expect(queued.last_error).toContain('451');
    expect(new Date(queued.next_attempt_at).getTime()).toBe(clock.now().getTime() + 10_000);

    expect(await deliver()).toBe(0); // not due yet, so not sent
    expect(receipts()).toEqual([]);
    clock.advance(10);
    expect(await deliver()).toBe(1);
    expect(receipts().map((mail) => mail.subject)).toEqual([`Your order ${order.body.id}`]);

    expect(await deliver()).toBe(0);
    expect(receipts()).toHaveLength(1);
    expect(await mailRow()).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })]);
    const warnings = t.logs.filter((line) => line.level === 40 && String(line.msg).includes('order-receipt'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].msg).toContain('will be retried');
    expect(JSON.stringify(warnings[0])).not.toContain('Secret-looking widget');
    expect(JSON.stringify(warnings[0])).not.toContain(customer.email);
  });
});
