import type { SqlEntityManager } from '@mikro-orm/sql';
import { MikroORM, QueueWebhookDeliveries, RequestContext, WebhookDeliveries, WebhookDeliveryScheduler } from '../support/built';
import { anOrder, asAdmin, type LoggedIn, newCustomer, pay, refund } from '../support/journeys';
import { relayAll } from '../support/relay';
import { startTestApp, type TestApp } from '../support/test-app';
import { verifiedPayload, WebhookReceiver } from '../support/webhook-receiver';

const TIMEOUT_MS = 500;

/**
 * Webhooks end to end: events from the outbox become deliveries, attempted by the delivery job against a real HTTP
 * receiver on loopback, every signature checked by the reference Standard Webhooks library. Retries wait a second
 * (WEBHOOK_RETRY_SCHEDULE=1,1,1), an attempt times out after half a second, and the job runs when the test says.
 */
describe('Webhook deliveries', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let receiver: WebhookReceiver;
  let sql: SqlEntityManager;
  const secrets: string[] = [];
  let path = 0;

  /** A new endpoint on its own path of the receiver. */
  const register = async (events: string[], answer?: Parameters<WebhookReceiver['answerAt']>[1]) => {
    const at = `/hook-${++path}`;
    if (answer) receiver.answerAt(at, answer);
    const reply = await t.http.post('/api/v1/webhook-endpoints', { url: receiver.url(at), events, description: `Receiver ${path}` }, { token: admin.token });
    expect(reply.status).toBe(201);
    secrets.push(reply.body.secret);
    return { id: reply.body.id as string, secret: reply.body.secret as string, path: at };
  };
  const runJob = () => t.app.get(WebhookDeliveryScheduler).job.runOnce();
  const deliveriesOf = async (endpointId: string) => (await t.http.get(`/api/v1/webhook-endpoints/${endpointId}/deliveries`, { token: admin.token })).body.items as any[];
  /**
   * Runs the delivery job until `done` holds (retries wait a second), or fails after 15 s. Never one run and then a
   * look: a run asked for while the app's own tick runs does nothing, so a test waits for the outcome instead.
   */
  const until = async (done: () => Promise<boolean> | boolean) => {
    for (const deadline = Date.now() + 15_000; !(await done()); ) {
      if (Date.now() > deadline) throw new Error('the deliveries did not get there within 15 s');
      await runJob();
      if (await done()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  /** Runs the delivery job until the endpoint's newest delivery has had its first attempt recorded. */
  const untilFirstAttempt = async (endpointId: string) => {
    await until(async () => {
      const [newest] = await deliveriesOf(endpointId);
      return newest?.attempts >= 1 && newest.lastAttemptAt !== null;
    });
    return (await deliveriesOf(endpointId))[0];
  };
  /** A claim counts an attempt before it is made; its outcome is recorded after: the status says when it has been. */
  const attemptRecorded = (delivery: { attempts: number; status: string }, attempts: number) => delivery.attempts === attempts && delivery.status !== 'pending';
  const endpointOf = async (endpointId: string) => (await t.http.get(`/api/v1/webhook-endpoints/${endpointId}`, { token: admin.token })).body;
  const sendTest = async (endpointId: string) => {
    const reply = await t.http.post(`/api/v1/webhook-endpoints/${endpointId}/test`, undefined, { token: admin.token });
    expect(reply.status).toBe(202);
    return reply.body as { id: string; eventId: string; status: string };
  };

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    t = await startTestApp({
      env: {
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        WEBHOOK_RETRY_SCHEDULE: '1,1,1',
        WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
        WEBHOOK_DELIVERY_INTERVAL_MS: '60000',
        WEBHOOK_SECRET_KEY: Buffer.alloc(32, 'k').toString('base64'),
      },
    });
    sql = t.app.get(MikroORM).em.fork() as SqlEntityManager;
    admin = await asAdmin(t.http);
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it('delivers each subscribed event of an order, signed, as { type, timestamp, data }, with the event id as webhook-id', async () => {
    const endpoint = await register(['order.placed', 'order.paid', 'payment.succeeded', 'refund.succeeded']);
    const bystander = await register(['order.fulfilled']);
    const customer = await newCustomer(t.http, 'Hook');
    const order = await anOrder(t.http, admin.token, customer, 2500);
    expect((await pay(t.http, customer.token, order.id)).status).toBe(201);
    expect((await refund(t.http, admin.token, order.id, 500)).status).toBe(201);
    await relayAll(t);
    await until(() => receiver.at(endpoint.path).length === 4);

    const payloads = receiver.at(endpoint.path).map((webhook) => verifiedPayload(endpoint.secret, webhook));
    expect(payloads.map((payload) => payload.type).sort()).toEqual(['order.paid', 'order.placed', 'payment.succeeded', 'refund.succeeded']);
    const placed = payloads.find((payload) => payload.type === 'order.placed')!;
    expect(placed.data).toMatchObject({ orderId: order.id, customerId: customer.userId, totalAmount: 2500, currency: 'USD' });
    expect(new Date(placed.timestamp).toISOString()).toBe(placed.timestamp);
    expect(payloads.find((payload) => payload.type === 'refund.succeeded')!.data).toMatchObject({ orderId: order.id, amount: 500, currency: 'USD' });
    expect(receiver.at(bystander.path)).toEqual([]);

    const outbox = await sql.execute<Array<{ id: string; type: string }>>('select id, type from outbox_events where aggregate_id = ?', [order.id]);
    const placedEventId = outbox.find((event) => event.type === 'order.placed')!.id;
    const placedWebhook = receiver.at(endpoint.path).find((webhook) => JSON.parse(webhook.body).type === 'order.placed')!;
    expect(placedWebhook.headers['webhook-id']).toBe(placedEventId);
    expect(placedWebhook.headers['content-type']).toBe('application/json');

    const deliveries = await deliveriesOf(endpoint.id);
    expect(deliveries).toHaveLength(4);
    for (const delivery of deliveries) {
      expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1, lastResponseStatus: 200, lastResponseBody: 'ok', lastError: null, nextAttemptAt: null });
      expect(delivery.lastLatencyMs).toBeGreaterThanOrEqual(0);
      expect(delivery.lastLatencyMs).toBeLessThan(TIMEOUT_MS); // answered, so within the attempt's timeout
    }
  });

  it('queues an event delivered twice by the broker once per endpoint', async () => {
    const endpoint = await register(['order.placed']);
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer);
    await relayAll(t);
    const [event] = await sql.execute('select id, type, aggregate_id, occurred_at, payload from outbox_events where aggregate_id = ? and type = ?', [order.id, 'order.placed']);
    const published = { id: event.id, type: event.type, aggregateId: event.aggregate_id, occurredAt: new Date(event.occurred_at), payload: typeof event.payload === 'string' ? JSON.parse(event.payload) : event.payload };
    const orm = t.app.get(MikroORM);
    await RequestContext.create(orm.em, () => t.app.get(QueueWebhookDeliveries).handle(published));
    const [{ count }] = await sql.execute('select count(*)::int as count from webhook_deliveries where endpoint_id = ? and event_id = ?', [endpoint.id, event.id]);
    expect(count).toBe(1);
  });

  it('retries after a 500 with the same webhook-id, every attempt signed, and records each outcome', async () => {
    let calls = 0;
    const endpoint = await register(['order.placed'], () => (++calls === 1 ? { status: 500, body: 'database is down' } : { status: 204 }));
    const customer = await newCustomer(t.http);
    await anOrder(t.http, admin.token, customer);
    await relayAll(t);
    const failed = await untilFirstAttempt(endpoint.id);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastResponseStatus: 500, lastResponseBody: 'database is down' });
    expect(Date.parse(failed.nextAttemptAt)).toBeGreaterThan(Date.parse(failed.lastAttemptAt));

    await until(() => receiver.at(endpoint.path).length === 2);
    const attempts = receiver.at(endpoint.path);
    expect(attempts.map((webhook) => verifiedPayload(endpoint.secret, webhook).type)).toEqual(['order.placed', 'order.placed']);
    expect(new Set(attempts.map((webhook) => webhook.headers['webhook-id']))).toEqual(new Set([failed.eventId]));
    expect(attempts[1].body).toBe(attempts[0].body);
    await until(async () => (await deliveriesOf(endpoint.id))[0].status === 'succeeded');
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ attempts: 2, lastResponseStatus: 204, nextAttemptAt: null });
  });

  it('retries an attempt that timed out, with the same webhook-id', async () => {
    let calls = 0;
    const endpoint = await register(['order.placed'], () => (++calls === 1 ? { status: 200, delayMs: TIMEOUT_MS * 4 } : { status: 200 }));
    const delivery = await sendTest(endpoint.id);
    const timedOut = await untilFirstAttempt(endpoint.id);
    expect(timedOut).toMatchObject({ status: 'pending', attempts: 1, lastResponseStatus: null, lastError: `No answer within ${TIMEOUT_MS} ms` });
    expect(timedOut.lastLatencyMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    // The wait (1 s, give or take a fifth) runs from when the attempt gave up, not from when it started.
    expect(Date.parse(timedOut.nextAttemptAt) - Date.parse(timedOut.lastAttemptAt)).toBeGreaterThanOrEqual(TIMEOUT_MS + 800);
    await until(async () => (await deliveriesOf(endpoint.id))[0].status === 'succeeded');
    const attempts = receiver.at(endpoint.path);
    expect(attempts).toHaveLength(2);
    expect(attempts.map((webhook) => webhook.headers['webhook-id'])).toEqual([delivery.eventId, delivery.eventId]);
    expect(attempts.map((webhook) => verifiedPayload(endpoint.secret, webhook).type)).toEqual(['webhook.test', 'webhook.test']);
  });

  it('attempts several endpoints at once: a slow receiver holds one worker, not the others', async () => {
    let inFlight = 0;
    let most = 0;
    const slow = (): { status: number; delayMs: number } => {
      most = Math.max(most, ++inFlight);
      setTimeout(() => inFlight--, TIMEOUT_MS * 0.8);
      return { status: 200, delayMs: TIMEOUT_MS * 0.8 };
    };
    const endpoints = await Promise.all([1, 2, 3, 4].map(() => register(['order.placed'], slow)));
    for (const endpoint of endpoints) await sendTest(endpoint.id);
    await until(async () => (await Promise.all(endpoints.map(async (endpoint) => (await deliveriesOf(endpoint.id))[0].status))).every((status) => status === 'succeeded'));
    expect(most).toBe(4);
  });

  it('attempts at most five deliveries to one endpoint at once: a slow receiver with many due leaves workers to the others', async () => {
    let inFlight = 0;
    let most = 0;
    let started = 0;
    let startedBeforeTheOther = -1;
    const slow = (): { status: number; delayMs: number } => {
      started += 1;
      most = Math.max(most, ++inFlight);
      setTimeout(() => inFlight--, TIMEOUT_MS / 2);
      return { status: 200, delayMs: TIMEOUT_MS / 2 };
    };
    const busy = await register(['order.placed'], slow);
    const other = await register(['order.placed'], () => {
      startedBeforeTheOther = started;
      return { status: 200 };
    });
    // Twelve due before the other endpoint's one: more than the job's ten slots.
    for (let i = 0; i < 12; i++) await sendTest(busy.id);
    await sendTest(other.id);
    await until(async () => (await deliveriesOf(busy.id)).every((delivery) => delivery.status === 'succeeded') && (await deliveriesOf(other.id))[0].status === 'succeeded');
    expect(most).toBe(5);
    // Claimed sixth, right after the busy endpoint's fifth: its request may reach the receiver before the fifth's.
    expect(startedBeforeTheOther).toBeLessThanOrEqual(5);
    // An attempt that overran its timeout on a loaded machine is made again: count the deliveries, not the requests.
    expect(new Set(receiver.at(busy.path).map((webhook) => webhook.headers['webhook-id'])).size).toBe(12);
  });

  it('gives up after the last retry, and a manual retry makes one more attempt with the same webhook-id', async () => {
    let healthy = false;
    const endpoint = await register(['order.placed'], () => (healthy ? { status: 200 } : { status: 503 }));
    const delivery = await sendTest(endpoint.id);
    await until(async () => (await deliveriesOf(endpoint.id))[0].status === 'failed');
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ attempts: 4, lastResponseStatus: 503, nextAttemptAt: null });
    expect(receiver.at(endpoint.path)).toHaveLength(4);

    healthy = true;
    const retried = await t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries/${delivery.id}/retry`, undefined, { token: admin.token });
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ id: delivery.id, status: 'pending', attempts: 4 });
    await until(async () => (await deliveriesOf(endpoint.id))[0].status === 'succeeded');
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ attempts: 5, lastResponseStatus: 200 });
    const attempts = receiver.at(endpoint.path);
    expect(attempts).toHaveLength(5);
    expect(new Set(attempts.map((webhook) => webhook.headers['webhook-id']))).toEqual(new Set([delivery.eventId]));
    expect(verifiedPayload(endpoint.secret, attempts[4]).type).toBe('webhook.test');

    const unknown = await t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries/${endpoint.id}/retry`, undefined, { token: admin.token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toMatch(/webhook-delivery-not-found$/);
  });

  it('makes a manual retry one attempt: a failed resend leaves a given-up delivery failed and a delivered one delivered', async () => {
    let status = 503;
    const endpoint = await register(['order.placed'], () => ({ status }));
    const retry = async (deliveryId: string) => {
      const retried = await t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries/${deliveryId}/retry`, undefined, { token: admin.token });
      expect(retried.status).toBe(202);
    };
    const given = await sendTest(endpoint.id);
    await until(async () => (await deliveriesOf(endpoint.id))[0].status === 'failed');
    await retry(given.id);
    await until(async () => attemptRecorded((await deliveriesOf(endpoint.id))[0], 5));
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ id: given.id, status: 'failed', attempts: 5, lastResponseStatus: 503, nextAttemptAt: null });

    status = 200;
    const delivered = await sendTest(endpoint.id);
    await until(async () => (await deliveriesOf(endpoint.id))[0].status === 'succeeded');
    const deliveredAt = (await deliveriesOf(endpoint.id))[0].deliveredAt;
    status = 500;
    await retry(delivered.id);
    await until(async () => attemptRecorded((await deliveriesOf(endpoint.id))[0], 2));
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ id: delivered.id, status: 'succeeded', attempts: 2, lastResponseStatus: 500, nextAttemptAt: null, deliveredAt });
    expect(receiver.at(endpoint.path)).toHaveLength(4 + 1 + 2);
  });

  it("steps a retry of a pending delivery in front of its scheduled attempt: one that fails leaves that attempt due, and the schedule is not used up", async () => {
    const endpoint = await register(['order.placed'], () => ({ status: 503 }));
    const delivery = await sendTest(endpoint.id);
    await untilFirstAttempt(endpoint.id);
    // The schedule's next attempt an hour away, as a longer schedule than this test's would have it.
    const scheduled = new Date(Date.now() + 3_600_000).toISOString();
    await sql.getConnection().execute('update webhook_deliveries set next_attempt_at = ? where id = ?', [scheduled, delivery.id]);
    for (const attempts of [2, 3, 4]) {
      const retried = await t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries/${delivery.id}/retry`, undefined, { token: admin.token });
      expect(retried.status).toBe(202);
      await until(async () => {
        const [newest] = await deliveriesOf(endpoint.id);
        return newest.attempts === attempts && newest.nextAttemptAt === scheduled;
      });
    }
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: 'pending', attempts: 4, lastResponseStatus: 503, nextAttemptAt: scheduled });

    // Its scheduled attempts, due from now: the schedule (1,1,1) gives up after its fourth, three retries beside them.
    await sql.getConnection().execute('update webhook_deliveries set next_attempt_at = now() where id = ?', [delivery.id]);
    await until(async () => (await deliveriesOf(endpoint.id))[0].status === 'failed');
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ attempts: 7, nextAttemptAt: null });
    expect(receiver.at(endpoint.path)).toHaveLength(7);
  });

  it('recovers every delivery given up since an instant: one more attempt each, oldest first, with its webhook-id', async () => {
    let healthy = false;
    const endpoint = await register(['order.placed'], () => (healthy ? { status: 200 } : { status: 503 }));
    const recover = (since: string) => t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/recover`, { since }, { token: admin.token });
    const earlier = await sendTest(endpoint.id);
    await until(async () => (await deliveriesOf(endpoint.id))[0].status === 'failed');
    const givenUpEarlier = (await deliveriesOf(endpoint.id))[0].lastAttemptAt;
    const since = new Date(Date.parse(givenUpEarlier) + 1).toISOString();
    const outage = [await sendTest(endpoint.id), await sendTest(endpoint.id)];
    await until(async () => (await deliveriesOf(endpoint.id)).every((delivery) => delivery.status === 'failed'));
    expect(receiver.at(endpoint.path)).toHaveLength(3 * 4);
    // Queued, not attempted yet: pending, so not given up.
    const waiting = await sendTest(endpoint.id);

    healthy = true;
    const recovered = await recover(since);
    expect(recovered.status).toBe(202);
    expect(recovered.body).toEqual({ recovered: 2 });
    const due = new Map((await deliveriesOf(endpoint.id)).map((delivery) => [delivery.id, delivery]));
    expect(outage.map(({ id }) => due.get(id).status)).toEqual(['pending', 'pending']);
    // Oldest first, paced: the second falls due 10 ms after the first.
    expect(Date.parse(due.get(outage[1].id).nextAttemptAt) - Date.parse(due.get(outage[0].id).nextAttemptAt)).toBe(10);

    await until(async () => (await deliveriesOf(endpoint.id)).filter((delivery) => delivery.status === 'succeeded').length === 3);
    const byId = new Map((await deliveriesOf(endpoint.id)).map((delivery) => [delivery.id, delivery]));
    for (const { id } of outage) expect(byId.get(id)).toMatchObject({ status: 'succeeded', attempts: 5, lastResponseStatus: 200, nextAttemptAt: null });
    expect(byId.get(waiting.id)).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(byId.get(earlier.id)).toMatchObject({ status: 'failed', attempts: 4, lastResponseStatus: 503, lastAttemptAt: givenUpEarlier });
    const resent = receiver.at(endpoint.path).slice(3 * 4);
    expect(resent.map((webhook) => webhook.headers['webhook-id']).sort()).toEqual([...outage, waiting].map((delivery) => delivery.eventId).sort());
    expect(resent.map((webhook) => verifiedPayload(endpoint.secret, webhook).type)).toEqual(['webhook.test', 'webhook.test', 'webhook.test']);

    // Delivered now, they are not given up any more: nothing is left to recover.
    expect((await recover(since)).body).toEqual({ recovered: 0 });
    expect(receiver.at(endpoint.path)).toHaveLength(3 * 4 + 3);
  });

  it('makes a recovered delivery that fails again failed, not retried on the schedule', async () => {
    const endpoint = await register(['order.placed'], () => ({ status: 500 }));
    const given = await sendTest(endpoint.id);
    await until(async () => (await deliveriesOf(endpoint.id))[0].status === 'failed');
    const recovered = await t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/recover`, { since: '2020-01-01T00:00:00Z' }, { token: admin.token });
    expect(recovered.body).toEqual({ recovered: 1 });
    await until(async () => attemptRecorded((await deliveriesOf(endpoint.id))[0], 5));
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ id: given.id, status: 'failed', attempts: 5, lastResponseStatus: 500, nextAttemptAt: null });
  });

  it('refuses a recovery from an instant to come or not an instant, for a disabled or unknown endpoint, and to a customer', async () => {
    const endpoint = await register(['order.placed'], () => ({ status: 200 }));
    const recover = (body: unknown, id = endpoint.id, token = admin.token) => t.http.post(`/api/v1/webhook-endpoints/${id}/recover`, body, { token });

    const later = await recover({ since: new Date(Date.now() + 3_600_000).toISOString() });
    expect(later.status).toBe(400);
    expect(later.body.type).toMatch(/invalid-recovery-window$/);
    const notAnInstant = { field: 'since', message: 'since must be an RFC 3339 date-time with its offset, from 1970 on, e.g. 2026-12-07T08:00:00Z' };
    for (const since of ['2026-12-07T08:00:00', '2026-02-30T00:00:00Z', '2026-12-31T23:59:60Z', '0000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', 'yesterday']) {
      const refused = await recover({ since });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([notAnInstant]);
    }
    const number = await recover({ since: 1733558400000 });
    expect(number.status).toBe(400);
    expect(number.body.errors).toContainEqual(notAnInstant);
    const long = await recover({ since: '2026-12-07T08:00:00.000000000000000Z' });
    expect(long.status).toBe(400);
    expect(long.body.errors).toEqual([{ field: 'since', message: 'since must be shorter than or equal to 35 characters' }]);
    expect((await recover({})).status).toBe(400);
    expect((await recover({ since: '2020-01-01T00:00:00Z', until: '2021-01-01T00:00:00Z' })).status).toBe(400);

    const unknown = await recover({ since: '2020-01-01T00:00:00Z' }, '00000000-0000-7000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toMatch(/webhook-endpoint-not-found$/);
    const customer = await newCustomer(t.http);
    expect((await recover({ since: '2020-01-01T00:00:00Z' }, endpoint.id, customer.token)).status).toBe(403);

    expect((await t.http.patch(`/api/v1/webhook-endpoints/${endpoint.id}`, { enabled: false }, { token: admin.token })).status).toBe(200);
    const disabled = await recover({ since: '2020-01-01T00:00:00Z' });
    expect(disabled.status).toBe(409);
    expect(disabled.body.type).toMatch(/webhook-endpoint-disabled$/);
  });

  it('disables the endpoint on 410 Gone, says why, and queues nothing more for it', async () => {
    const endpoint = await register(['order.placed'], () => ({ status: 410, body: 'gone' }));
    await sendTest(endpoint.id);
    await until(async () => (await endpointOf(endpoint.id)).enabled === false);
    expect(await endpointOf(endpoint.id)).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/410 Gone/) });
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: 'failed', attempts: 1, lastResponseStatus: 410 });

    const customer = await newCustomer(t.http);
    await anOrder(t.http, admin.token, customer);
    await relayAll(t);
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);
    const test = await t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/test`, undefined, { token: admin.token });
    expect(test.status).toBe(409);
    expect(test.body.type).toMatch(/webhook-endpoint-disabled$/);

    receiver.answerAt(endpoint.path, () => ({ status: 200 }));
    const enabled = await t.http.patch(`/api/v1/webhook-endpoints/${endpoint.id}`, { enabled: true }, { token: admin.token });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null });
  });

  it('disables an endpoint whose attempts have all failed for five days', async () => {
    const endpoint = await register(['order.placed'], () => ({ status: 500 }));
    await sql.execute(`update webhook_endpoints set failing_since = now() - interval '5 days 1 minute', last_failed_at = now() - interval '1 hour' where id = ?`, [endpoint.id]);
    await sendTest(endpoint.id);
    await until(async () => (await endpointOf(endpoint.id)).enabled === false);
    expect(await endpointOf(endpoint.id)).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/every attempt for 5 days has failed \(the last: answered 500\)/),
    });
    // A disabled endpoint's pending deliveries wait instead of being attempted, however long they have been due, and
    // do not count in the backlog's age.
    await sql.execute(`update webhook_deliveries set next_attempt_at = now() - interval '1 hour' where endpoint_id = ? and status = 'pending'`, [endpoint.id]);
    expect(await deliveriesOf(endpoint.id)).toEqual([expect.objectContaining({ status: 'pending', attempts: 1 })]);
    await runJob();
    await runJob();
    expect(receiver.at(endpoint.path)).toHaveLength(1);
    const backlogAge = Number(/^webhook_backlog_age_seconds (\S+)$/m.exec((await t.http.get('/metrics')).text)![1]);
    expect(backlogAge).toBeLessThan(3000);
  });

  it('starts a new failure streak, instead of disabling, after a day without a failed attempt or at a new address', async () => {
    const endpoint = await register(['order.placed'], () => ({ status: 500 }));
    const streakOf = async () =>
      (await sql.execute<Array<{ days: number }>>('select extract(epoch from now() - failing_since) / 86400 as days from webhook_endpoints where id = ?', [endpoint.id]))[0];
    await sql.execute(`update webhook_endpoints set failing_since = now() - interval '6 days', last_failed_at = now() - interval '25 hours' where id = ?`, [endpoint.id]);
    await sendTest(endpoint.id);
    await until(async () => Number((await streakOf()).days) < 1);
    expect(await endpointOf(endpoint.id)).toMatchObject({ enabled: true, disabledReason: null });

    // One with no attempt in flight, failing for six days up to an hour ago, moved to another receiver.
    const idle = await register(['order.placed']);
    await sql.execute(`update webhook_endpoints set failing_since = now() - interval '6 days', last_failed_at = now() - interval '1 hour' where id = ?`, [idle.id]);
    const moved = await t.http.patch(`/api/v1/webhook-endpoints/${idle.id}`, { url: receiver.url(`${idle.path}-moved`) }, { token: admin.token });
    expect(moved.body).toMatchObject({ enabled: true, failingSince: null });
  });

  it('keeps an endpoint a 410 disabled disabled when an admin then edits only its description', async () => {
    const endpoint = await register(['order.placed'], () => ({ status: 410 }));
    await sendTest(endpoint.id);
    await until(async () => (await endpointOf(endpoint.id)).enabled === false);
    const edited = await t.http.patch(`/api/v1/webhook-endpoints/${endpoint.id}`, { description: 'Renamed' }, { token: admin.token });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ description: 'Renamed', enabled: false, disabledReason: expect.stringMatching(/410 Gone/) });
  });

  it('signs with the old and the new secret for a day after a rotation, then with the new one only', async () => {
    const endpoint = await register(['order.placed'], () => ({ status: 200 }));
    const rotated = await t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, undefined, { token: admin.token });
    expect(rotated.status).toBe(200);
    secrets.push(rotated.body.secret);
    expect(rotated.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    const overlapEnds = Date.parse(rotated.body.previousSecretExpiresAt);
    expect(overlapEnds - Date.now()).toBeGreaterThan(23.9 * 3_600_000);

    await sendTest(endpoint.id);
    await until(() => receiver.at(endpoint.path).length === 1);
    const [during] = receiver.at(endpoint.path);
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifiedPayload(rotated.body.secret, during).type).toBe('webhook.test');
    expect(verifiedPayload(endpoint.secret, during).type).toBe('webhook.test');

    await sql.execute(`update webhook_endpoints set previous_secrets = jsonb_set(previous_secrets, '{0,expiresAt}', to_jsonb(now() - interval '1 second')) where id = ?`, [endpoint.id]);
    await sendTest(endpoint.id);
    await until(() => receiver.at(endpoint.path).length === 2);
    const after = receiver.at(endpoint.path)[1];
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verifiedPayload(rotated.body.secret, after).type).toBe('webhook.test');
    expect(() => verifiedPayload(endpoint.secret, after)).toThrow();
  });

  it('sends nothing while its secret cannot be decrypted, and signs again at once after the rotation the error asks for', async () => {
    const endpoint = await register(['order.placed'], () => ({ status: 200 }));
    const other = await register(['order.placed']);
    // As after a change of WEBHOOK_SECRET_KEY: a sealed secret this key cannot open (another endpoint's is bound to it).
    await sql.execute('update webhook_endpoints set secret_ciphertext = (select secret_ciphertext from webhook_endpoints where id = ?) where id = ?', [other.id, endpoint.id]);
    const unsigned = await sendTest(endpoint.id);
    await until(async () => (await deliveriesOf(endpoint.id)).some((delivery) => delivery.id === unsigned.id && delivery.attempts === 1));
    expect((await deliveriesOf(endpoint.id)).find((delivery) => delivery.id === unsigned.id)).toMatchObject({ lastError: expect.stringMatching(/cannot be decrypted/) });
    expect(receiver.at(endpoint.path)).toEqual([]);

    const rotated = await t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, undefined, { token: admin.token });
    expect(rotated.status).toBe(200);
    secrets.push(rotated.body.secret);
    await sendTest(endpoint.id);
    await until(() => receiver.at(endpoint.path).length === 1);
    const [signed] = receiver.at(endpoint.path);
    expect(String(signed.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verifiedPayload(rotated.body.secret, signed).type).toBe('webhook.test');
  });

  it('keeps every secret rotated away in the last day signing: two rotations in a row lose no receiver', async () => {
    const endpoint = await register(['order.placed'], () => ({ status: 200 }));
    const rotate = async () => {
      const rotated = await t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, undefined, { token: admin.token });
      expect(rotated.status).toBe(200);
      secrets.push(rotated.body.secret);
      return rotated.body.secret as string;
    };
    const second = await rotate();
    const third = await rotate();
    await sendTest(endpoint.id);
    await until(() => receiver.at(endpoint.path).length === 1);
    const [webhook] = receiver.at(endpoint.path);
    expect(String(webhook.headers['webhook-signature']).split(' ')).toHaveLength(3);
    for (const secret of [third, second, endpoint.secret]) expect(verifiedPayload(secret, webhook).type).toBe('webhook.test');
  });

  it('keeps both secrets of two rotations at once', async () => {
    const endpoint = await register(['order.placed'], () => ({ status: 200 }));
    const rotations = await Promise.all(
      [1, 2].map(() => t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, undefined, { token: admin.token })),
    );
    expect(rotations.map((rotation) => rotation.status)).toEqual([200, 200]);
    secrets.push(...rotations.map((rotation) => rotation.body.secret));
    await sendTest(endpoint.id);
    await until(() => receiver.at(endpoint.path).length === 1);
    const [webhook] = receiver.at(endpoint.path);
    for (const secret of [endpoint.secret, ...rotations.map((rotation) => rotation.body.secret)]) expect(verifiedPayload(secret, webhook).type).toBe('webhook.test');
  });

  it('answers 404, queueing nothing, for a test event to an endpoint deleted before it is queued', async () => {
    const endpoint = await register(['order.placed']);
    expect((await t.http.delete(`/api/v1/webhook-endpoints/${endpoint.id}`, { token: admin.token })).status).toBe(204);
    const test = await t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/test`, undefined, { token: admin.token });
    expect(test.status).toBe(404);
    // The window the use case cannot close by reading first: the endpoint goes between the read and the insert.
    const orm = t.app.get(MikroORM);
    const queued = await RequestContext.create(orm.em, () =>
      t.app.get(WebhookDeliveries).enqueueTo(endpoint.id, { eventId: endpoint.id, type: 'webhook.test', body: '{}' }, new Date()),
    );
    expect(queued).toBeUndefined();
  });

  it('forgets delivered and given-up deliveries after EVENT_RETENTION_DAYS, and keeps pending ones however old', async () => {
    const endpoint = await register(['order.placed'], () => ({ status: 200 }));
    const delivered = await sendTest(endpoint.id);
    const failed = await sendTest(endpoint.id);
    const recent = await sendTest(endpoint.id);
    await until(async () => (await deliveriesOf(endpoint.id)).every((delivery) => delivery.status === 'succeeded'));
    const pending = await sendTest(endpoint.id);
    await sql.execute(`update webhook_deliveries set status = 'failed' where id = ?`, [failed.id]);
    await sql.execute(`update webhook_deliveries set last_attempt_at = now() - interval '8 days', created_at = now() - interval '8 days' where id in (?, ?)`, [delivered.id, failed.id]);
    await sql.execute(`update webhook_deliveries set created_at = now() - interval '30 days', next_attempt_at = now() + interval '1 day' where id = ?`, [pending.id]);
    const { purge } = t.app.get(WebhookDeliveryScheduler);
    for (const deadline = Date.now() + 10_000; (await deliveriesOf(endpoint.id)).length > 2; await new Promise((resolve) => setTimeout(resolve, 50))) {
      if (Date.now() > deadline) throw new Error('the purge did not run within 10 s');
      await purge.runOnce();
    }
    expect((await deliveriesOf(endpoint.id)).map((delivery) => delivery.id).sort()).toEqual([recent.id, pending.id].sort());
  });

  it('follows no redirect and keeps only the first KiB of an answer', async () => {
    const redirected = await register(['order.placed'], () => ({ status: 307, headers: { location: receiver.url('/elsewhere') } }));
    await sendTest(redirected.id);
    expect(await untilFirstAttempt(redirected.id)).toMatchObject({ status: 'pending', lastResponseStatus: 307 });
    expect(receiver.at('/elsewhere')).toEqual([]);

    const chatty = await register(['order.placed'], () => ({ status: 200, body: 'é'.repeat(5000) }));
    await sendTest(chatty.id);
    const delivery = await untilFirstAttempt(chatty.id);
    expect(delivery.status).toBe('succeeded');
    expect(Buffer.byteLength(delivery.lastResponseBody)).toBeLessThanOrEqual(1024);
    expect(delivery.lastResponseBody.startsWith('é'.repeat(500))).toBe(true);
  });

  it('pages through an endpoint\'s deliveries, newest first, each once', async () => {
    const endpoint = await register(['order.placed'], () => ({ status: 200 }));
    const sent = [];
    for (let i = 0; i < 5; i++) sent.push((await sendTest(endpoint.id)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await t.http.get(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries${query}`, { token: admin.token });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...sent].reverse());
  });

  it('shows a secret only in the replies that create it: never in a list, a read, the log or the table', async () => {
    const list = await t.http.get('/api/v1/webhook-endpoints?limit=100', { token: admin.token });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(path - 1); // every endpoint registered, but the one deleted
    const read = await t.http.get(`/api/v1/webhook-endpoints/${list.body.items[0].id}`, { token: admin.token });
    const rows = await sql.execute('select * from webhook_endpoints');
    const logs = JSON.stringify(t.logs);
    for (const secret of secrets) {
      const key = secret.slice('whsec_'.length);
      for (const text of [list.text, read.text, logs, JSON.stringify(rows)]) expect(text).not.toContain(key);
    }
    expect(list.body.items[0]).not.toHaveProperty('secret');
    for (const row of rows) expect(row.secret_ciphertext).toMatch(/^v1\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
  });

  it('counts attempts by outcome and times them in /metrics', async () => {
    const metrics = (await t.http.get('/metrics')).text;
    expect(metrics).toMatch(/webhook_delivery_attempts_total\{outcome="delivered"\} [1-9]/);
    expect(metrics).toMatch(/webhook_delivery_attempts_total\{outcome="retrying"\} [1-9]/);
    expect(metrics).toMatch(/webhook_delivery_attempts_total\{outcome="gone"\} 2$/m);
    expect(metrics).toMatch(/webhook_delivery_attempt_duration_seconds_count\{outcome="delivered"\} [1-9]/);
    expect(metrics).toMatch(/webhook_backlog_age_seconds \d/);
  });

  it('refuses bad input with a problem naming it', async () => {
    const bad = await t.http.post('/api/v1/webhook-endpoints', { url: 'not a url', events: ['user.registered'] }, { token: admin.token });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['events', 'url']);
    const none = await t.http.post('/api/v1/webhook-endpoints', { url: receiver.url('/x'), events: [] }, { token: admin.token });
    expect(none.status).toBe(400);
    const creds = await t.http.post('/api/v1/webhook-endpoints', { url: 'http://user:pw@127.0.0.1/x', events: ['order.paid'] }, { token: admin.token });
    expect(creds.status).toBe(400);
    expect(creds.body.type).toMatch(/invalid-webhook-endpoint$/);
    const missing = await t.http.get(`/api/v1/webhook-endpoints/${'0'.repeat(8)}-0000-7000-8000-${'0'.repeat(12)}`, { token: admin.token });
    expect(missing.status).toBe(404);
    const customer = await newCustomer(t.http);
    expect((await t.http.get('/api/v1/webhook-endpoints', { token: customer.token })).status).toBe(403);
  });

  it('deletes an endpoint with its deliveries', async () => {
    const endpoint = await register(['order.placed']);
    await sendTest(endpoint.id);
    expect((await t.http.delete(`/api/v1/webhook-endpoints/${endpoint.id}`, { token: admin.token })).status).toBe(204);
    expect((await t.http.get(`/api/v1/webhook-endpoints/${endpoint.id}`, { token: admin.token })).status).toBe(404);
    const [{ count }] = await sql.execute('select count(*)::int as count from webhook_deliveries where endpoint_id = ?', [endpoint.id]);
    expect(count).toBe(0);
  });
});
