import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ClusterClient } from '../support/cluster-client';
import { PASSWORD } from '../support/journeys';
import { type RunningProcess, startInstance, startNats } from '../support/service-processes';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * At-least-once delivery under faults: while accounts are being opened on two instances, one instance (and
 * with it a relay and a consumer) is killed, then the NATS server is killed and restarted. Afterwards every
 * event that was committed must reach the audit log, each exactly once.
 */
describe('Domain events when a relay or the broker dies mid-stream', () => {
  let database: TestDatabase;
  let nats: Awaited<ReturnType<typeof startNats>>;
  const instances: RunningProcess[] = [];
  let sql: Client;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    if (!database.url) throw new Error('The cluster tests need PostgreSQL: set TEST_DATABASE_URL (npm run test:cluster does).');
    nats = await startNats();
    env = { DATABASE_URL: database.url, NATS_URL: nats.url, OUTBOX_RELAY_INTERVAL_MS: '50', AUTH_THROTTLE_LIMIT: '100000' };
    instances.push(await startInstance(env), await startInstance(env));
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  }, 60_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all(instances.map((instance) => instance.stop()));
    await nats?.stop();
    nats?.removeStore();
    await database?.drop();
  });

  it('loses no committed event: every one is delivered, and recorded once', async () => {
    let running = true;
    const outcomes = { created: 0, failed: 0 };
    const live = new Set([0, 1]);
    const openAccounts = async () => {
      while (running) {
        const target = [...live][Math.floor(Math.random() * live.size)];
        const api = new ClusterClient([instances[target].url]);
        const reply = await api
          .post('/auth/register', { email: `fault-${randomUUID()}@test.example`, password: PASSWORD, name: 'Fault tolerant' })
          .catch(() => ({ status: 0 }));
        if (reply.status === 201) outcomes.created += 1;
        else outcomes.failed += 1;
      }
    };
    const load = Promise.all([openAccounts(), openAccounts(), openAccounts()]);

    await pause(1_500);
    live.delete(0);
    await instances[0].stop('SIGKILL'); // a relay and a consumer die without any goodbye
    await pause(1_000);
    await nats.stop('SIGKILL'); // the broker too, with events in flight
    await pause(1_500);
    nats = await startNats(nats); // same port, same store
    instances[0] = await startInstance(env);
    live.add(0);
    await pause(1_500);
    running = false;
    await load;

    const count = async () =>
      (
        await sql.query(
          `select (select count(*) from outbox_events where type = 'user.registered')::int as committed,
                  (select count(*) from outbox_events where published_at is null)::int as unpublished,
                  (select count(*) from audit_log where type = 'user.registered')::int as audited`,
        )
      ).rows[0] as { committed: number; unpublished: number; audited: number };
    let counts = await count();
    for (const deadline = Date.now() + 30_000; Date.now() < deadline && (counts.unpublished > 0 || counts.audited < counts.committed); ) {
      await pause(250);
      counts = await count();
    }

    // Every account the API confirmed was committed with its event; a few more may have committed unconfirmed.
    expect(outcomes.created).toBeGreaterThan(20);
    expect(counts.committed).toBeGreaterThanOrEqual(outcomes.created);
    expect(counts).toEqual({ committed: counts.committed, unpublished: 0, audited: counts.committed });
    const { rows } = await sql.query(
      "select count(*)::int as missing from outbox_events o where o.type = 'user.registered' and not exists (select 1 from audit_log a where a.event_id = o.id)",
    );
    expect(rows[0].missing).toBe(0);
  }, 90_000);
});
