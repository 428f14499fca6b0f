import type { SqlEntityManager } from '@mikro-orm/sql';
import { MailDeliveryScheduler, MailQueue, MikroORM, RequestContext } from '../support/built';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The mail outbox's table, driven through its port: one mail leased per claim, outcomes fenced by the attempt, and
 * finished mails forgotten after EVENT_RETENTION_DAYS. The delivery job is stopped: it stays out of the queue.
 */
describe('The mail queue', () => {
  let t: TestApp;
  let sql: SqlEntityManager;
  const inContext = <T>(work: (queue: InstanceType<typeof MailQueue>) => Promise<T>) =>
    RequestContext.create(t.app.get(MikroORM).em, () => work(t.app.get(MailQueue)));
  const rowOf = async (key: string) =>
    (await sql.execute<Array<{ status: string; attempts: number; leased_until: Date | null; last_error: string | null }>>(
      'select status, attempts, leased_until, last_error from mail_messages where key = ?',
      [key],
    ))[0];
  const queue = (...keys: string[]) =>
    inContext((mails) => mails.enqueue(keys.map((key) => ({ key, template: 'order-expired', to: `${key}@test.example`, params: { orderId: key } }))));
  const secondsFrom = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);

  beforeAll(async () => {
    t = await startTestApp({ env: { MAIL_DELIVERY_INTERVAL_MS: '60000' } });
    await t.app.get(MailDeliveryScheduler).job.stop();
    sql = t.app.get(MikroORM).em.fork() as SqlEntityManager;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records an outcome only for the attempt that still holds the mail', async () => {
    await queue('fenced');
    const now = new Date(Date.now() + 1000);
    const first = await inContext((mails) => mails.claimNext(now, secondsFrom(now, 70)));
    expect(first).toMatchObject({ key: 'fenced', attempts: 1 });
    expect(await inContext((mails) => mails.claimNext(secondsFrom(now, 69), secondsFrom(now, 139)))).toBeUndefined(); // leased

    // The first attempt outlived its lease; another instance claims the mail.
    const second = await inContext((mails) => mails.claimNext(secondsFrom(now, 70), secondsFrom(now, 140)));
    expect(second).toMatchObject({ key: 'fenced', attempts: 2 });
    expect(await inContext((mails) => mails.markSent(first!, now))).toBe(false);
    expect(await inContext((mails) => mails.markFailed(first!, 'late'))).toBe(false);
    expect(await rowOf('fenced')).toMatchObject({ status: 'pending', attempts: 2, last_error: null });

    expect(await inContext((mails) => mails.retryAt(second!, secondsFrom(now, 300), '451 Try again later'))).toBe(true);
    expect(await rowOf('fenced')).toMatchObject({ status: 'pending', attempts: 2, leased_until: null, last_error: '451 Try again later' });
  });

  it('leases one mail per claim', async () => {
    await queue('one', 'two');
    const now = secondsFrom(new Date(), 1);
    const claimed = await inContext((mails) => mails.claimNext(now, secondsFrom(now, 70)));
    expect(claimed).toMatchObject({ key: expect.stringMatching(/^(one|two)$/), attempts: 1 });
    const leased = await sql.execute<Array<{ key: string }>>('select key from mail_messages where key in (?, ?) and leased_until is not null', ['one', 'two']);
    expect(leased.map((row) => row.key)).toEqual([claimed!.key]);
  });

  it('forgets sent and given-up mails after EVENT_RETENTION_DAYS, and keeps pending ones however old', async () => {
    await queue('sent-long-ago', 'failed-long-ago', 'sent-lately', 'pending-long-ago');
    await sql.execute(`update mail_messages set status = 'sent', sent_at = now() - interval '8 days', created_at = now() - interval '8 days' where key = 'sent-long-ago'`);
    await sql.execute(`update mail_messages set status = 'failed', created_at = now() - interval '8 days' where key = 'failed-long-ago'`);
    await sql.execute(`update mail_messages set status = 'sent', sent_at = now() - interval '1 day', created_at = now() - interval '9 days' where key = 'sent-lately'`);
    await sql.execute(`update mail_messages set created_at = now() - interval '30 days' where key = 'pending-long-ago'`);
    const { purge } = t.app.get(MailDeliveryScheduler);
    const left = async () =>
      (await sql.execute<Array<{ key: string }>>(`select key from mail_messages where key like '%-long-ago' or key = 'sent-lately' order by key`)).map((row) => row.key);
    for (const deadline = Date.now() + 10_000; (await left()).length > 2; await new Promise((resolve) => setTimeout(resolve, 50))) {
      if (Date.now() > deadline) throw new Error('the purge did not run within 10 s');
      await purge.runOnce();
    }
    expect(await left()).toEqual(['pending-long-ago', 'sent-lately']);
  });
});
