/**
 * One instance against three, on one PostgreSQL, with the rate limits in Redis and the events on NATS:
 *   npm run bench:instances [-- --seconds 10 --connections 48]
 * Each scenario runs on one instance with all connections, then on three at once, the connections split
 * between them (one wrk per instance; requests/s summed, p99 the worst of the three). Prints a
 * table, checks that nothing was oversold, and writes bench/results/instances.json and instances.md.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BenchDatabase, seed, startApp } from './harness';
import type { ScenarioInput } from './load/scenarios';
import { ensureWrk, runLoad } from './load/wrk';
import { freePort, type Started } from './processes';
import { table } from './report';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '48' } } });
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const env = { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', NATS_STREAM: 'bench' };
const scenarios = ['GET /products/{id}', 'POST /orders'];
const database = new BenchDatabase('cb_bench_instances');

interface Row {
  instances: number;
  scenario: string;
  requestsPerSecond: number;
  p99: number;
  errors: number;
}

async function startInstances(count: number): Promise<Array<Started & { url: string }>> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const port = await freePort();
      return { ...(await startApp(port, database.url, env)), url: `http://127.0.0.1:${port}` };
    }),
  );
}

async function measure(scenario: string, urls: string[], data: Omit<ScenarioInput, 'url'>): Promise<Omit<Row, 'instances'>> {
  const share = Math.max(1, Math.floor(connections / urls.length));
  const drive = (duration: number) =>
    Promise.all(urls.map((url) => runLoad({ scenario, input: { ...data, url }, connections: share, seconds: duration })));
  await drive(2); // warm-up
  const results = await drive(seconds);
  return {
    scenario,
    requestsPerSecond: results.reduce((sum, r) => sum + r.requestsPerSecond, 0),
    p99: Math.max(...results.map((r) => r.p99)),
    errors: results.reduce((sum, r) => sum + r.socketErrors + r.non2xx, 0),
  };
}

async function main(): Promise<void> {
  ensureWrk();
  await database.recreate();
  const [first] = await startInstances(1); // migrates and creates the admin
  const data = await seed(`${first.url}/api/v1`);
  await first.stop();

  const rows: Row[] = [];
  for (const count of [1, 3]) {
    const instances = await startInstances(count);
    for (const scenario of scenarios) rows.push({ instances: count, ...(await measure(scenario, instances.map((i) => i.url), data)) });
    await Promise.all(instances.map((instance) => instance.stop()));
  }
  const oversold = await database.productsWithWrongStock();

  const ratio = (row: Row) => {
    const single = rows.find((r) => r.instances === 1 && r.scenario === row.scenario)!;
    return (row.requestsPerSecond / single.requestsPerSecond).toFixed(2);
  };
  const text = [
    table(
      ['instances', 'scenario', 'req/s', 'p99 ms', 'errors', 'vs 1 instance'],
      rows.map((r) => [String(r.instances), r.scenario, r.requestsPerSecond.toFixed(0), String(r.p99), String(r.errors), ratio(r)]),
    ),
    '',
    `products whose stock does not match their orders: ${oversold}`,
  ].join('\n');
  const date = new Date().toISOString();
  console.log(`\n${connections} connections in all, ${seconds} s per scenario\n\n${text}`);
  writeFileSync('bench/results/instances.json', `${JSON.stringify({ date, settings: { connections, seconds }, oversoldProducts: oversold, rows }, null, 2)}\n`);
  writeFileSync('bench/results/instances.md', `# One instance against three, ${date}\n\n${connections} connections in all, ${seconds} s per scenario.\n\n\`\`\`\n${text}\n\`\`\`\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
