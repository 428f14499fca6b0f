import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const run = promisify(execFile);
const tsx = resolve('node_modules/.bin/tsx');
const ORDERS = 3000;

/** The units and revenue the sales read model holds, beside what the paid orders' lines add up to. */
const READ_MODEL_AGAINST_ORDERS = `
  with paid as (
    select sum(l.quantity)::bigint as units, sum(l."lineTotal")::bigint as revenue
      from transactions t
      join orders o on o.id = t.order_id
      cross join lateral jsonb_to_recordset(o.lines) as l(quantity int, "lineTotal" bigint)
     where t.type = 'payment' and t.status = 'succeeded')
  select (select count(*)::int from orders) as orders,
         (select units from paid) as "paidUnits", (select sum(units_sold)::bigint from product_sales_daily) as "modelUnits",
         (select revenue from paid) as "paidRevenue", (select sum(revenue)::bigint from product_sales_daily) as "modelRevenue"`;

/**
 * The README's volume seed and reports benchmark (`seed:volume`, `bench:reports`), run as it runs them on a small
 * history: both once broke unnoticed (a batch's plan that took minutes, more each batch; a MikroORM class Nest did
 * not know). The benchmark needs PostgreSQL, as it says; the seed also fills the embedded database.
 */
describe('The volume seed and the reports benchmark', () => {
  let database: TestDatabase;
  let dataDir: string | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    if (!database.url) dataDir = mkdtempSync(join(tmpdir(), 'cb-test-volume-'));
  });
  afterAll(async () => {
    await database.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const target = () => (database.url ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir! });
  const env = () => ({ PATH: process.env.PATH, ...target() });

  async function readModelAgainstOrders(): Promise<Record<string, unknown>> {
    if (database.url) {
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query(READ_MODEL_AGAINST_ORDERS)).rows[0];
      } finally {
        await client.end();
      }
    }
    const embedded = await PGlite.create(dataDir!);
    try {
      return (await embedded.query<Record<string, unknown>>(READ_MODEL_AGAINST_ORDERS)).rows[0];
    } finally {
      await embedded.close();
    }
  }

  it('seeds a history in batches whose sales read model adds up to its paid orders, and the reports run over it', async () => {
    const seeded = await run(tsx, ['scripts/seed-volume.ts', '--orders', String(ORDERS), '--customers', '200', '--products', '30', '--batch', '1000'], {
      env: env(),
    });
    expect(seeded.stdout).toContain(`${ORDERS.toLocaleString('en')}/${ORDERS.toLocaleString('en')} orders`);

    const counts = await readModelAgainstOrders();
    expect(counts.orders).toBe(ORDERS);
    expect(Number(counts.paidUnits)).toBeGreaterThan(0);
    expect({ units: counts.modelUnits, revenue: counts.modelRevenue }).toEqual({ units: counts.paidUnits, revenue: counts.paidRevenue });

    if (!database.url) return; // bench:reports measures PostgreSQL only (it refuses to start without DATABASE_URL)
    const reports = await run(tsx, ['bench/reports.ts', '--runs', '2'], { env: env() });
    expect(reports.stdout).toContain(`on ${ORDERS.toLocaleString('en')} orders`);
    expect(reports.stdout).toMatch(/top products\s+\d+\.\d/);
  }, 180_000);
});
