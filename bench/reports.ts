/**
 * Latency of the report endpoints beside the bare SQL aggregate they are built on, same database, same run.
 *   DATABASE_URL=postgres://... npm run bench:reports -- [--runs 30] [--from 2025-11-25 --to 2026-11-24]
 * Seed first: npm run seed:volume -- --orders 1000000
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
// The bundle's MikroORM, the class the app registered (the package's own copy is another class to Nest).
import { createApp, AccessTokenIssuer, loadConfig, MikroORM, ReportRange, SALES_BY_PERIOD_SQL, salesByPeriodParams } from './built-app';
import { summarise, timeRuns } from './stats';

const today = new Date().toISOString().slice(0, 10);
const yearAgo = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '30' }, from: { type: 'string', default: yearAgo }, to: { type: 'string', default: today } },
});
const runs = Number(values.runs);
const { from, to } = values as { from: string; to: string };

async function adminToken(app: NestFastifyApplication): Promise<string> {
  const em = app.get(MikroORM).em.fork() as SqlEntityManager;
  const [admin] = await em.execute<Array<{ id: string }>>(`select id from users where role = 'admin' limit 1`);
  if (!admin) throw new Error('No admin user: start once with ADMIN_EMAIL/ADMIN_PASSWORD or seed demo data.');
  const [session] = await em.execute<Array<{ id: string }>>(
    `insert into sessions (id, user_id, refresh_token_hash, created_at, expires_at)
     values (gen_random_uuid(), ?, repeat('0', 64), now(), now() + interval '1 hour') returning id`,
    [admin.id],
  );
  return (await app.get(AccessTokenIssuer).issue({ userId: admin.id, role: 'admin', sessionId: session.id })).accessToken;
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('Set DATABASE_URL to the seeded PostgreSQL database.');
  // An admin to ask for the reports (seed:volume makes none): made at start-up under this address if no user has it,
  // with a password nobody knows, since its token comes from a session inserted here.
  const benchAdmin = { ADMIN_EMAIL: 'bench-reports-admin@example.com', ADMIN_PASSWORD: randomBytes(24).toString('base64url') };
  const config = loadConfig({ ...benchAdmin, ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_SECRET: 'b'.repeat(48), SEED_DEMO_DATA: 'false', MAIL_DISABLED: 'true', WEBHOOK_SECRET_KEY: Buffer.alloc(32, 'b').toString('base64') });
  const app = await createApp(config);
  const token = await adminToken(app);
  const em = app.get(MikroORM).em.fork() as SqlEntityManager;
  const [{ count }] = await em.execute<Array<{ count: string }>>('select count(*) from orders');
  console.log(`Reports over ${from}..${to} on ${Number(count).toLocaleString('en')} orders, ${runs} runs each (after 3 warm-up runs)\n`);

  /** A GET of the report at `url` as the admin; anything but a 200 stops the run (a refusal must not be timed). */
  const ask = (url: string) => () =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }).then((r) => {
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    });

  const rows: string[][] = [];
  for (const interval of ['day', 'week', 'month'] as const) {
    const viaApi = ask(`/api/v1/reports/sales?from=${from}&to=${to}&interval=${interval}`);
    const range = ReportRange.parse(from, to, config.reportMaxDays);
    const bareSql = () => em.execute(SALES_BY_PERIOD_SQL, salesByPeriodParams(range, interval));
    await timeRuns(3, viaApi);
    await timeRuns(3, bareSql);
    // Interleaved in one loop so machine noise hits both sides alike.
    const api: number[] = [];
    const sql: number[] = [];
    for (let i = 0; i < runs; i++) {
      api.push(...(await timeRuns(1, viaApi)));
      sql.push(...(await timeRuns(1, bareSql)));
    }
    const a = summarise(api);
    const s = summarise(sql);
    rows.push([`sales by ${interval}`, a.median.toFixed(1), a.p95.toFixed(1), s.median.toFixed(1), s.p95.toFixed(1), (a.median / s.median).toFixed(2)]);
  }
  const topProducts = ask(`/api/v1/reports/top-products?from=${from}&to=${to}&limit=10`);
  const top = summarise(await timeRuns(Math.max(5, Math.round(runs / 3)), topProducts));
  rows.push(['top products', top.median.toFixed(1), top.p95.toFixed(1), '-', '-', '-']);

  const header = ['report', 'API median ms', 'API p95 ms', 'SQL median ms', 'SQL p95 ms', 'API/SQL'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  await app.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
