import { Client, type Pool } from 'pg';
import { MikroORM, OutboxRelayScheduler } from '../support/built';
import { startTestAppOnOwnPostgres } from '../support/test-app';

describe('Shutdown with a pooled connection that was never given back', () => {
  let t: Awaited<ReturnType<typeof startTestAppOnOwnPostgres>>;
  beforeAll(async () => {
    t = await startTestAppOnOwnPostgres({ DB_STATEMENT_TIMEOUT_MS: '1000' });
  }, 60_000);
  afterAll(() => t?.postgres.destroy()); // the app is closed by the test itself

  it('closes the pool anyway, once the grace period (statement timeout + 1 s) is over, and says so', async () => {
    const pool = (await t.app.get(MikroORM).em.getConnection().getNativeClient()) as Pool;
    const leaked = await pool.connect(); // a holder that forgets to release: pool.end() alone would wait for ever

    const started = Date.now();
    await t.app.close();

    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(pool.totalCount).toBe(0);
    expect(t.logs.filter((line) => line.context === 'DatabasePool')).toEqual([
      expect.objectContaining({ level: 50, msg: expect.stringContaining('1 connection(s) were still checked out') }),
    ]);
    leaked.release(); // the holder's late release changes nothing
    expect(pool.totalCount).toBe(0);

    // Background jobs (the outbox relay ticks every 200 ms) stopped for good before the database closed: a run
    // after that would open a new pool, which nothing would close, keeping connections and the process alive.
    expect(await t.app.get(OutboxRelayScheduler).job.runOnce()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const admin = new Client({ connectionString: t.postgres.url });
    await admin.connect();
    const { rows } = await admin.query("select count(*)::int as n from pg_stat_activity where application_name = 'commerce-backend'");
    await admin.end();
    expect(rows[0].n).toBe(0);
  });
});
