import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { HandlerFailures, MikroORM, OutboxRelay } from '../support/built';
import { asAdmin, newCustomer } from '../support/journeys';
import { relayAll } from '../support/relay';
import { startTestApp, type TestApp } from '../support/test-app';

interface FailureRow {
  attempts: number;
  last_error: string;
  next_attempt_at: Date | null;
  parked_at: Date | null;
  event_type: string;
  payload: unknown;
}

/**
 * An event one consumer fails on every time (here an `order.placed` whose payload has no lines, which the shop's mails
 * cannot read), with the in-process dispatcher: it is retried on EVENT_HANDLER_RETRY_SCHEDULE, the events after it wait
 * meanwhile (order is kept), and once the retries are used up it is parked for that consumer alone, and every
 * event after it reaches every consumer.
 */
describe('An event a consumer cannot take', () => {
  let t: TestApp;
  let sql: SqlEntityManager;
  const relay = () => t.app.get(OutboxRelay);

  const failuresOf = (eventId: string) =>
    sql.execute<Array<FailureRow & { handler: string }>>('select * from event_handler_failures where event_id = ? order by handler', [eventId]);
  const auditTypes = async (aggregateId: string) =>
    (await sql.execute<Array<{ type: string }>>('select type from audit_log where aggregate_id = ?', [aggregateId])).map((row) => row.type).sort();
  const isPublished = async (eventId: string) =>
    (await sql.execute<Array<{ published_at: Date | null }>>('select published_at from outbox_events where id = ?', [eventId]))[0].published_at !== null;

  /** Commits an `order.placed` event straight into the outbox, as a use case would, with the payload given. */
  async function commitOrderPlaced(payload: Record<string, unknown>): Promise<string> {
    const id = randomUUID();
    await sql.execute(`insert into outbox_events (id, type, aggregate_id, occurred_at, payload) values (?, 'order.placed', ?, now(), ?)`, [
      id,
      randomUUID(),
      JSON.stringify(payload),
    ]);
    return id;
  }

  /** Relays until the shop's mails have failed `attempts` times at the event, hurrying every retry along. */
  async function failUntil(eventId: string, attempts: number): Promise<FailureRow> {
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; ) {
      await sql.execute(`update event_handler_failures set next_attempt_at = now() - interval '1 second' where parked_at is null`);
      await relay()
        .relayOnce()
        .catch(() => 0);
      const [failure] = await failuresOf(eventId);
      if (failure && failure.attempts >= attempts) return failure;
    }
    throw new Error(`failUntil: the event ${eventId} was not failed ${attempts} times within 15 s`);
  }

  beforeAll(async () => {
    // Three attempts in all; the app's own relay runs rarely, so that this file's passes decide when one is made.
    t = await startTestApp({ env: { EVENT_HANDLER_RETRY_SCHEDULE: '60,60', OUTBOX_RELAY_INTERVAL_MS: '60000' } });
    sql = t.app.get(MikroORM).em.fork() as SqlEntityManager;
  });
  afterAll(() => t.close());

  it('holds the events after it until its retry is due', async () => {
    await relayAll(t);
    const poison = await commitOrderPlaced({ customerId: randomUUID() });
    const customer = await newCustomer(t.http, 'After the poison');

    await expect(relay().relayOnce()).rejects.toThrow(/shop-mails failed at order\.placed .* \(attempt 1\)/);
    const [failure] = await failuresOf(poison);
    expect(failure).toMatchObject({ handler: 'shop-mails', attempts: 1, parked_at: null, event_type: 'order.placed', last_error: expect.stringMatching(/^TypeError: /) });
    expect(new Date(failure.next_attempt_at!).getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(await isPublished(poison)).toBe(false);
    expect(await auditTypes(customer.userId)).toEqual([]); // after the poison: not handed over

    expect(await relay().relayOnce()).toBe(0); // the retry is not due: nothing is tried
    expect((await failuresOf(poison))[0].attempts).toBe(1);
    expect(await auditTypes(customer.userId)).toEqual([]);
    expect(await sql.execute('select 1 from audit_log where event_id = ?', [poison])).toHaveLength(1); // the audit log took it, once
  });

  it('parks it for that consumer once the retries are used up, and every later event reaches every consumer', async () => {
    const poison = await commitOrderPlaced({ customerId: randomUUID(), totalAmount: 100 });
    const customer = await newCustomer(t.http, 'Behind a parked event');

    const parked = await failUntil(poison, 3);
    expect(parked).toMatchObject({ attempts: 3, next_attempt_at: null, payload: { customerId: expect.any(String), totalAmount: 100 } });
    expect(parked.parked_at).not.toBeNull();
    expect(await isPublished(poison)).toBe(true);
    await relayAll(t);
    expect(await auditTypes(customer.userId)).toEqual(['email-verification.requested', 'user.registered']);
    expect(await sql.execute('select 1 from audit_log where event_id = ?', [poison])).toHaveLength(1);
    expect(t.logs.some((line) => line.level === 50 && line.eventId === poison && line.handler === 'shop-mails')).toBe(true);
    const metrics = (await t.http.get('/metrics')).text;
    expect(metrics).toMatch(/domain_event_handler_failures_total\{handler="shop-mails",outcome="parked"\} [1-9]/);
    expect(metrics).toMatch(/domain_event_handler_failures_total\{handler="shop-mails",outcome="retrying"\} [1-9]/);
  });

  it('forgets a failure once a later attempt gets past it', async () => {
    const customer = await newCustomer(t.http, 'Receipt after a fix');
    await relayAll(t);
    const event = await commitOrderPlaced({ customerId: customer.userId });
    await failUntil(event, 1);
    // What an operator would do for an event written wrong: set it right, and the next attempt takes it.
    await sql.execute('update outbox_events set payload = ? where id = ?', [
      JSON.stringify({ customerId: customer.userId, lines: [{ name: 'Mended', quantity: 1, unitPrice: 500, lineTotal: 500 }], totalAmount: 500, currency: 'USD' }),
      event,
    ]);
    await sql.execute(`update event_handler_failures set next_attempt_at = now() where event_id = ?`, [event]);
    await relayAll(t);
    expect(await failuresOf(event)).toEqual([]);
    expect(await sql.execute('select template from mail_messages where key = ?', [`${event}:order-receipt`])).toEqual([{ template: 'order-receipt' }]);
  });

  it('lists parked events to admins, and replays one when asked: failing again it stays parked, taken it is gone', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http, 'Replayed receipt');
    await relayAll(t);
    const poison = await commitOrderPlaced({ customerId: customer.userId });
    await failUntil(poison, 3);

    const listed = await t.http.get('/api/v1/parked-events?consumer=shop-mails&limit=100', { token: admin.token });
    expect(listed.status).toBe(200);
    const parked = listed.body.items.find((item: { eventId: string }) => item.eventId === poison);
    expect(parked).toMatchObject({ eventType: 'order.placed', consumer: 'shop-mails', attempts: 3, lastError: expect.stringMatching(/^TypeError: /), payload: { customerId: customer.userId } });
    expect((await t.http.get('/api/v1/parked-events?consumer=audit-log', { token: admin.token })).body.items).toEqual([]);
    expect((await t.http.get('/api/v1/parked-events', { token: customer.token })).status).toBe(403);
    const first = await t.http.get('/api/v1/parked-events?limit=1', { token: admin.token });
    const second = await t.http.get(`/api/v1/parked-events?limit=1&cursor=${first.body.nextCursor}`, { token: admin.token });
    expect(second.body.items[0].id < first.body.items[0].id).toBe(true); // newest first, the next page older

    const replay = () => t.http.post(`/api/v1/parked-events/${parked.id}/replay`, undefined, { token: admin.token });
    const failedAgain = await replay();
    expect(failedAgain.status).toBe(409);
    expect(failedAgain.body.type).toMatch(/replay-failed$/);
    expect((await failuresOf(poison))[0]).toMatchObject({ attempts: 4, next_attempt_at: null, last_error: expect.stringMatching(/^TypeError: /) });

    // What a mended consumer would make of it: here the event is mended instead, to what the shop's mails read.
    const lines = [{ name: 'Replayed', quantity: 1, unitPrice: 700, lineTotal: 700 }];
    await sql.execute('update event_handler_failures set payload = ? where id = ?', [JSON.stringify({ customerId: customer.userId, lines, totalAmount: 700, currency: 'USD' }), parked.id]);
    const outcomes = await Promise.all([replay(), replay()]); // the row is locked: one replay takes it, the other finds nothing
    expect(outcomes.map((reply) => reply.status).sort()).toEqual([204, 404]);
    expect(await failuresOf(poison)).toEqual([]);
    expect(await sql.execute('select template from mail_messages where key = ?', [`${poison}:order-receipt`])).toEqual([{ template: 'order-receipt' }]);
  });

  it('refuses to replay an event parked for a consumer no longer subscribed', async () => {
    const admin = await asAdmin(t.http);
    const poison = await commitOrderPlaced({});
    await failUntil(poison, 3);
    await sql.execute(`update event_handler_failures set handler = 'retired-consumer' where event_id = ?`, [poison]);
    const [{ id }] = await sql.execute<Array<{ id: string }>>('select id from event_handler_failures where event_id = ?', [poison]);
    const refused = await t.http.post(`/api/v1/parked-events/${id}/replay`, undefined, { token: admin.token });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/consumer-gone$/);
    expect(await failuresOf(poison)).toHaveLength(1);
  });

  it('forgets events parked, and failures left due, longer ago than the retention', async () => {
    const old = await commitOrderPlaced({});
    const recent = await commitOrderPlaced({});
    const abandoned = await commitOrderPlaced({});
    await failUntil(old, 3);
    await failUntil(recent, 3);
    await failUntil(abandoned, 1);
    await sql.execute(`update event_handler_failures set parked_at = now() - interval '8 days' where event_id = ?`, [old]);
    await sql.execute(`update event_handler_failures set next_attempt_at = now() - interval '8 days' where event_id = ?`, [abandoned]);
    expect(await t.app.get(HandlerFailures).purgeParked(7)).toBe(2);
    expect(await failuresOf(old)).toEqual([]);
    expect(await failuresOf(abandoned)).toEqual([]);
    expect(await failuresOf(recent)).toHaveLength(1);
  });
});
