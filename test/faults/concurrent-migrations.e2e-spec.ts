import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/test-app';
import { ThrowawayPostgres } from '../support/throwaway-postgres';

/** A deploy starts several instances on a database not yet migrated; each runs the migrations at start-up. */
describe('Instances started at once on an empty database', () => {
  let postgres: ThrowawayPostgres;
  const apps: TestApp[] = [];
  beforeAll(async () => {
    postgres = await ThrowawayPostgres.create();
  }, 60_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
    await postgres.destroy();
  });

  // Two of three stopped at start-up: "duplicate key value violates unique constraint pg_type_typname_nsp_index".
  it('all start, the migrations applied once', async () => {
    const database = { kind: 'postgresql' as const, url: postgres.url, drop: async () => undefined };
    // Three apps in one test process: each one's start-up holds the event loop the others' connects are timed on,
    // which on a loaded machine outlasted the default 2 s (a timer that fires before the socket's connect is seen).
    const env = { DB_CONNECT_TIMEOUT_MS: '15000' };
    const started = await Promise.allSettled([1, 2, 3].map(() => startTestApp({ database, env })));
    for (const result of started) if (result.status === 'fulfilled') apps.push(result.value);
    expect(started.map((result) => (result.status === 'fulfilled' ? 'started' : String(result.reason)))).toEqual(['started', 'started', 'started']);

    const client = new Client({ connectionString: postgres.url });
    await client.connect();
    const { rows } = await client.query("select count(*)::int as rows, count(distinct name)::int as names, bool_or(name = 'M001Identity') as first from mikro_orm_migrations");
    await client.end();
    expect(rows).toEqual([{ rows: rows[0].names, names: rows[0].names, first: true }]);
    for (const app of apps) expect((await app.http.get('/health/ready')).status).toBe(200);
  }, 60_000);
});
