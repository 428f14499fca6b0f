/**
 * The HTTP benchmark: the built app on PostgreSQL beside a bare Fastify + pg baseline, same machine, same run.
 *   npm run bench [-- --seconds 10 --connections 50]
 * Uses BENCH_DATABASE_URL (an admin connection; default the local postgres) to create a fresh database.
 * Prints a table per scenario and writes bench/results/latest.json, latest.md and latest.svg.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Result } from 'autocannon';
import { Client } from 'pg';
import type { ScenarioInput } from './load/scenarios';
import { freePort, rssMb, runLoad, startServer, type Started } from './processes';
import { type ScenarioResult, table, writeChart } from './report';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } } });
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = 'cb_bench_test';
const databaseUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
})();
const ADMIN = { email: 'bench-admin@example.com', password: 'bench admin password' };
const CUSTOMER_PASSWORD = 'bench customer password';
const loadScript = resolve(__dirname, 'load/load-process.js');

async function recreateDatabase(): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`drop database if exists ${database} with (force)`);
  await client.query(`create database ${database}`);
  await client.end();
}

async function startApp(port: number): Promise<Started> {
  return startServer(
    resolve('dist/main.js'),
    {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret!',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      MAX_OPEN_ORDERS: '1000', // per customer; 50 customers share the POST /orders load
      AUTH_THROTTLE_LIMIT: '100000000',
      API_RATE_LIMIT: '1000000000',
    },
    `http://127.0.0.1:${port}/health/ready`,
  );
}

async function post(url: string, body: object, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<{ id: string; accessToken: string }>;
}

/** A catalogue whose stock never runs out and customers with tokens, through the API itself. */
async function seed(base: string): Promise<Omit<ScenarioInput, 'url'>> {
  const admin = await post(`${base}/auth/login`, ADMIN);
  const productIds: string[] = [];
  for (let i = 0; i < 200; i++) {
    const product = await post(
      `${base}/products`,
      { sku: `BENCH-${i}`, name: `Bench product ${String(i).padStart(3, '0')}`, price: { amount: 500 + i, currency: 'USD' }, stock: 1_000_000_000 },
      admin.accessToken,
    );
    productIds.push(product.id);
  }
  const customerEmails = Array.from({ length: 50 }, (_, i) => `bench-customer-${i}@example.com`);
  const tokens: string[] = [];
  for (const email of customerEmails) {
    await post(`${base}/auth/register`, { email, password: CUSTOMER_PASSWORD, name: email });
    tokens.push((await post(`${base}/auth/login`, { email, password: CUSTOMER_PASSWORD })).accessToken);
  }
  return { productIds, tokens, customerEmails, customerPassword: CUSTOMER_PASSWORD };
}

async function measure(scenario: string, target: ScenarioResult['target'], input: ScenarioInput, duration = seconds): Promise<ScenarioResult> {
  await runLoad<Result>(loadScript, { scenario, input, connections, seconds: 2 }); // warm-up
  const r = await runLoad<Result>(loadScript, { scenario, input, connections, seconds: duration });
  return { scenario, target, requestsPerSecond: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

async function main(): Promise<void> {
  await recreateDatabase();
  const appPort = await freePort();
  const base = `http://127.0.0.1:${appPort}/api/v1`;
  const first = await startApp(appPort); // migrates and creates the admin
  const data = await seed(base);
  await first.stop();

  const app = await startApp(appPort); // the cold start that counts: a migrated database
  const input: ScenarioInput = { url: `http://127.0.0.1:${appPort}`, ...data };
  const results: ScenarioResult[] = [];
  const reads = ['GET /products/{id}', 'GET /products?limit=20'];
  for (const scenario of [...reads, 'GET /orders?limit=20']) results.push(await measure(scenario, 'app', input));
  const rssAfterReads = rssMb(app.process.pid!);
  for (const scenario of ['POST /orders', 'pay flow (order + payment)']) results.push(await measure(scenario, 'app', input));

  // Reads while logins saturate argon2: the event loop must stay responsive.
  const [login, readsDuringLogin] = await Promise.all([
    measure('POST /auth/login', 'app', input),
    new Promise((r) => setTimeout(r, 2500)).then(() => runLoad<Result>(loadScript, { scenario: reads[0], input, connections: 10, seconds: Math.max(3, seconds - 4) })),
  ]);
  results.push(login);
  const peakRss = rssMb(app.process.pid!);
  await app.stop();

  const oversold = await checkStock();

  const baselinePort = await freePort();
  const baseline = await startServer(resolve(__dirname, 'baseline/server.js'), { DATABASE_URL: databaseUrl, PORT: String(baselinePort) }, `http://127.0.0.1:${baselinePort}/api/v1/products?limit=1`);
  for (const scenario of reads) results.push(await measure(scenario, 'baseline', { ...input, url: `http://127.0.0.1:${baselinePort}` }));
  await baseline.stop();

  const rows = results
    .filter((r) => r.target === 'app')
    .map((r) => {
      const base = results.find((b) => b.target === 'baseline' && b.scenario === r.scenario);
      return [r.scenario, r.requestsPerSecond.toFixed(0), `${r.p50}`, `${r.p99}`, `${r.errors + r.non2xx}`, base ? base.requestsPerSecond.toFixed(0) : '-', base ? `${base.p99}` : '-', base ? (r.requestsPerSecond / base.requestsPerSecond).toFixed(2) : '-'];
    });
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'baseline req/s', 'baseline p99', 'app/baseline'];
  const summary = {
    date: new Date().toISOString(),
    settings: { connections, seconds },
    coldStartMs: Math.round(app.coldStartMs),
    rssAfterReadsMb: Math.round(rssAfterReads),
    peakRssMb: Math.round(peakRss),
    readsWhileLoggingIn: { requestsPerSecond: Math.round(readsDuringLogin.requests.average), p99: readsDuringLogin.latency.p99, connections: 10 },
    oversoldProducts: oversold,
    results,
  };
  const text = [
    table(header, rows),
    '',
    `cold start (spawn to first 200 on /health/ready, PostgreSQL): ${summary.coldStartMs} ms`,
    `RSS after the read scenarios: ${summary.rssAfterReadsMb} MB; peak after all: ${summary.peakRssMb} MB`,
    `GET /products/{id} at 10 connections while logins run: ${summary.readsWhileLoggingIn.requestsPerSecond} req/s, p99 ${summary.readsWhileLoggingIn.p99} ms`,
    `products whose stock does not match their orders: ${oversold}`,
  ].join('\n');
  console.log(`\n${connections} connections, ${seconds} s per scenario\n\n${text}`);
  writeFileSync('bench/results/latest.json', `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync('bench/results/latest.md', `# Benchmark ${summary.date}\n\n${connections} connections, ${seconds} s per scenario.\n\n\`\`\`\n${text}\n\`\`\`\n\n![chart](latest.svg)\n`);
  writeChart('bench/results/latest.svg', results);
}

/** Stock taken must equal the quantities ordered and not cancelled: nothing oversold, nothing lost. */
async function checkStock(): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query(`
    select p.id from products p
      left join (select (l->>'productId')::uuid as product_id, sum((l->>'quantity')::int) as ordered
                   from orders o, jsonb_array_elements(o.lines) l where o.status <> 'cancelled' group by 1) s on s.product_id = p.id
     where p.sku like 'BENCH-%' and 1000000000 - p.stock <> coalesce(s.ordered, 0)`);
  await client.end();
  return rows.length;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
