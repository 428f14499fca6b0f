import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, headers } from '@nats-io/transport-node';
import { Client } from 'pg';
import { ClusterClient } from '../support/cluster-client';
import { PASSWORD } from '../support/journeys';
import { type RunningProcess, startInstance, startNats } from '../support/service-processes';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * With NATS JetStream, an event one consumer fails on every time (an `order.placed` without lines, which the shop's
 * mails cannot read) is redelivered on EVENT_HANDLER_RETRY_SCHEDULE, then parked for that consumer and taken off its
 * durable consumer; a message on the stream that is no event is taken off at once. Neither stops what comes after.
 */
describe('Events a consumer cannot take, through NATS', () => {
  let database: TestDatabase;
  let nats: Awaited<ReturnType<typeof startNats>>;
  let instance: Awaited<ReturnType<typeof startInstance>>;
  let sql: Client;
  let api: ClusterClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    if (!database.url) throw new Error('The cluster tests need PostgreSQL: set TEST_DATABASE_URL (npm run test:cluster does).');
    nats = await startNats();
    instance = await startInstance({
      DATABASE_URL: database.url,
      NATS_URL: nats.url,
      OUTBOX_RELAY_INTERVAL_MS: '50',
      EVENT_HANDLER_RETRY_SCHEDULE: '1,1',
      AUTH_THROTTLE_LIMIT: '1000',
    });
    api = new ClusterClient([instance.url]);
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  }, 60_000);

  afterAll(async () => {
    await sql?.end();
    await (instance as RunningProcess | undefined)?.stop();
    await nats?.stop();
    nats?.removeStore();
    await database?.drop();
  });

  async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`Still waiting for ${what}`);
      await sleep(100);
    }
  }
  const audited = (aggregateId: string) =>
    until(`the audit log of ${aggregateId}`, async () => {
      const { rows } = await sql.query('select type from audit_log where aggregate_id = $1', [aggregateId]);
      return rows.length >= 2 ? rows.map((row) => row.type).sort() : undefined;
    });
  const register = async (name: string) => {
    const reply = await api.post('/auth/register', { email: `poison-${randomUUID()}@test.example`, password: PASSWORD, name });
    expect(reply.status).toBe(201);
    return reply.body.id as string;
  };

  it('parks the event for the consumer that cannot take it after the scheduled attempts; the events after it go on', async () => {
    const poison = randomUUID();
    await sql.query(`insert into outbox_events (id, type, aggregate_id, occurred_at, payload) values ($1, 'order.placed', $2, now(), '{"totalAmount": 1}')`, [
      poison,
      randomUUID(),
    ]);
    const after = await register('After the poison');
    expect(await audited(after)).toEqual(['email-verification.requested', 'user.registered']); // not held up: each consumer its own

    const parked = await until('the event parked for shop-mails', async () => {
      const { rows } = await sql.query('select handler, attempts, last_error, parked_at from event_handler_failures where event_id = $1', [poison]);
      return rows[0]?.parked_at ? rows : undefined;
    });
    expect(parked).toEqual([{ handler: 'shop-mails', attempts: 3, last_error: expect.stringMatching(/^TypeError: /), parked_at: expect.any(Date) }]);
    const { rows: auditOfPoison } = await sql.query('select 1 from audit_log where event_id = $1', [poison]);
    expect(auditOfPoison).toHaveLength(1);
    await sleep(2_500); // past the retry schedule: a parked event is not delivered again
    const { rows: again } = await sql.query('select attempts from event_handler_failures where event_id = $1', [poison]);
    expect(again).toEqual([{ attempts: 3 }]);
    await instance.untilLogged(`shop-mails gave up on order.placed ${poison} after 3 attempts`);
  });

  it('counts no attempt while the database is away: an event delivered meanwhile is handled once it is back', async () => {
    const name = new URL(database.url!).pathname.slice(1);
    const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await sql.end();
    const event = { id: randomUUID(), type: 'user.registered', aggregateId: randomUUID(), occurredAt: new Date().toISOString(), payload: { name: 'Outage' } };
    const connection = await connect({ servers: nats.url });
    try {
      await admin.query(`alter database ${name} allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
      const header = headers();
      header.set('Nats-Msg-Id', event.id);
      connection.publish('commerce.user.registered', JSON.stringify(event), { headers: header });
      await connection.flush();
      // Longer than three attempts (EVENT_HANDLER_RETRY_SCHEDULE=1,1) and than a dozen redeliveries a second apart.
      await sleep(14_000);
    } finally {
      await admin.query(`alter database ${name} allow_connections true`);
      await admin.end();
      await connection.close();
    }
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    await until('the event in the audit log', async () => ((await sql.query('select 1 from audit_log where event_id = $1', [event.id])).rowCount ? true : undefined), 40_000);
    expect((await sql.query('select handler from event_handler_failures where event_id = $1', [event.id])).rows).toEqual([]);
  }, 90_000);

  it('takes off a message that is no event, and goes on with the next', async () => {
    const connection = await connect({ servers: nats.url });
    try {
      connection.publish('commerce.order.placed', 'not an event');
      await connection.flush();
    } finally {
      await connection.close();
    }
    const after = await register('After a message that is no event');
    expect(await audited(after)).toEqual(['email-verification.requested', 'user.registered']);
    await instance.untilLogged('a message that is no event');
  });
});
