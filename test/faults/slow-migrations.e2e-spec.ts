import { Client } from 'pg';
import { MikroORM } from '../support/built';
import { freePort, spawnShipped, untilReady } from '../support/service-processes';
import { asAdmin, newProduct } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';
import { ThrowawayPostgres } from '../support/throwaway-postgres';

/** pg_advisory_lock's key for migrations (src/infrastructure/persistence/migrate.ts). */
const MIGRATIONS_LOCK = 7_402_310_001;

/**
 * DB_STATEMENT_TIMEOUT_MS bounds requests, not start-up: an instance waiting behind another's migrations, or a
 * migration slower than the timeout (a large table rewritten), failed its start with a cancelled statement, and
 * again at every restart.
 */
describe('Migrations slower than the statement timeout', () => {
  let postgres: ThrowawayPostgres;
  let other: Client;
  let app: TestApp | undefined;
  beforeEach(async () => {
    postgres = await ThrowawayPostgres.create();
    other = new Client({ connectionString: postgres.url });
    await other.connect();
  }, 60_000);
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await other.end();
    await postgres.destroy();
  });

  const start = () => startTestApp({ database: { kind: 'postgresql', url: postgres.url, drop: async () => undefined }, env: { DB_STATEMENT_TIMEOUT_MS: '300' } });
  const holdFor = (ms: number, release: string) => new Promise((resolve) => setTimeout(resolve, ms)).then(() => other.query(release));
  const migrated = async (t: TestApp) => ({
    ready: (await t.http.get('/health/ready')).status,
    pending: (await t.app.get(MikroORM).migrator.getPending()).length,
    applied: (await other.query<{ count: number }>('select count(*)::int as count from mikro_orm_migrations')).rows[0].count > 0,
  });

  // First in the file: a log line written outside a request goes to the first app a test file starts
  // (nestjs-pino keeps one root logger per loaded copy of the app), and this test reads it.
  it('goes on when the connection holding the lock is lost while a migration runs, and says so', async () => {
    await other.query('begin');
    await other.query('create table users (id int)');
    const starting = start();
    const lockHolder = "select pid from pg_stat_activity where application_name = 'commerce-backend migrations'";
    // Once a migration waits on the table, the lock's connection sits idle: that is when it is lost.
    const migrationWaits = "select 1 from pg_stat_activity where application_name = 'commerce-backend' and wait_event_type = 'Lock'";
    const monitor = new Client({ connectionString: postgres.url });
    await monitor.connect();
    try {
      while ((await monitor.query(migrationWaits)).rows.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      await monitor.query(`select pg_terminate_backend(pid) from (${lockHolder}) holder`);
    } finally {
      await monitor.end();
    }
    await other.query('rollback');
    app = await starting;
    expect(await migrated(app)).toEqual({ ready: 200, pending: 0, applied: true });
    expect(app.logs.filter((line) => String(line.msg).startsWith('The connection holding the migrations\' lock failed')).map((line) => line.msg)).toEqual([
      "The connection holding the migrations' lock failed (terminating connection due to administrator command); the migrations go on.",
    ]);
  }, 60_000);

  it('waits for the lock another instance holds, however long, then migrates', async () => {
    await other.query('select pg_advisory_lock($1)', [MIGRATIONS_LOCK]);
    let released = 0;
    const [started] = await Promise.all([start().then((t) => ({ t, at: Date.now() })), holdFor(1_500, `select pg_advisory_unlock(${MIGRATIONS_LOCK})`).then(() => (released = Date.now()))]);
    app = started.t;
    expect(started.at).toBeGreaterThanOrEqual(released); // started only once the other instance let the lock go
    expect(await migrated(app)).toEqual({ ready: 200, pending: 0, applied: true });
  }, 60_000);

  // The shipped app held every line of its start-up back until it listened: an instance waiting for the lock said
  // nothing for as long as it waited.
  it('says that it waits, while it waits, from the shipped artifact', async () => {
    await other.query('select pg_advisory_lock($1)', [MIGRATIONS_LOCK]);
    const port = await freePort();
    const child = spawnShipped(
      {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: postgres.url,
        JWT_SECRET: 'slow-migrations-test-secret-long-enough',
        MAIL_DISABLED: 'true',
        WEBHOOK_SECRET_KEY: Buffer.alloc(32, 'm').toString('base64'),
      },
      ['ignore', 'pipe', 'inherit'],
    );
    try {
      let output = '';
      child.stdout!.on('data', (chunk) => (output += String(chunk)));
      for (const deadline = Date.now() + 10_000; !output.includes('Waiting for another instance to finish migrating'); ) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`nothing said while waiting for the lock:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await other.query('select pg_advisory_unlock($1)', [MIGRATIONS_LOCK]);
      await untilReady(child, port);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);

  // Another transaction creating the same table makes the migration's CREATE TABLE wait until it ends.
  it('runs a migration statement longer than the timeout to its end', async () => {
    await other.query('begin');
    await other.query('create table users (id int)');
    const [started] = await Promise.all([start(), holdFor(1_500, 'rollback')]);
    app = started;
    expect(await migrated(app)).toEqual({ ready: 200, pending: 0, applied: true });
  }, 60_000);

  it('keeps the timeout for the requests that follow', async () => {
    app = await start();
    const admin = await asAdmin(app.http);
    const product = await newProduct(app.http, admin.token);
    await other.query('begin');
    await other.query('select id from products where id = $1 for update', [product.id]);
    const edit = await app.http.patch(`/api/v1/products/${product.id}`, { stock: 6 }, { token: admin.token });
    await other.query('rollback');
    expect(edit.status).toBe(503);
  }, 60_000);
});
