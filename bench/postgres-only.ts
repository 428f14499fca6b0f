/**
 * What PostgreSQL alone sustains for POST /orders on this machine: pgbench (a C client, far cheaper per order
 * than any HTTP server) runs the statements of one order (bench/postgres-only/place-order.sql) with no server in
 * between, once parsed and planned every time as the app's are and once as prepared statements. The figure is
 * the ceiling of any server placing orders this way here, whatever it is written in.
 *   npm run bench:postgres-only [-- --seconds 10]
 * Prints a table and writes it to bench/results/postgres-only.md.
 * Needs pgbench (Debian's postgresql-client) on PATH.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs, promisify } from 'node:util';
import { Client } from 'pg';
import { BenchDatabase, seed, startApp } from './harness';
import { freePort, postgresCpuMs, postgresCpuMsSince } from './processes';
import { table } from './report';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' } } });
const execFileAsync = promisify(execFile);
const script = resolve(__dirname, '../../bench/postgres-only/place-order.sql');

/** Client c is customer c % 50; its turns take four products of its own. */
async function writeClientTable(url: string, customerEmails: string[], productIds: string[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('create table bench_clients (client int, turn int, customer uuid, product uuid, primary key (client, turn))');
  const { rows } = await client.query<{ id: string; email: string }>('select id, email from users where email = any($1)', [customerEmails]);
  const customerOf = new Map(rows.map((row) => [row.email, row.id]));
  for (const [c, email] of customerEmails.entries()) {
    for (let turn = 0; turn < 4; turn++) {
      await client.query('insert into bench_clients values ($1, $2, $3, $4)', [c, turn, customerOf.get(email), productIds[c + 50 * turn]]);
    }
  }
  await client.end();
}

/**
 * PostgreSQL's CPU is sampled while pgbench runs, from its second second to one before its last: pgbench's
 * backends exit with it, and an exited process's CPU can no longer be read.
 */
async function pgbench(url: string, mode: 'extended' | 'prepared', clients: number): Promise<{ ordersPerSecond: number; postgresCores: number }> {
  const seconds = Number(values.seconds);
  const args = ['--no-vacuum', `--client=${clients}`, '--jobs=2', `--time=${seconds}`, `--protocol=${mode}`, '--define=turn=0', `--file=${script}`, url];
  const run = execFileAsync('pgbench', args, { encoding: 'utf8' });
  await sleep(1000);
  const [before, from] = [postgresCpuMs(), performance.now()];
  await sleep((seconds - 2) * 1000);
  const postgresCores = postgresCpuMsSince(before) / (performance.now() - from);
  const { stdout } = await run;
  const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
  if (failed > 0) throw new Error(`pgbench: ${failed} failed transactions`);
  return { ordersPerSecond: Number(/tps = ([\d.]+)/.exec(stdout)![1]), postgresCores };
}

async function main(): Promise<void> {
  const database = new BenchDatabase('cb_bench_postgres_only');
  await database.recreate();
  const port = await freePort();
  const app = await startApp(port, database.url);
  const { productIds, customerEmails } = await seed(`http://127.0.0.1:${port}/api/v1`);
  await app.stop();
  await writeClientTable(database.url, customerEmails, productIds);

  const rows: string[][] = [];
  for (const clients of [50, 10]) {
    for (const mode of ['extended', 'prepared'] as const) {
      const { ordersPerSecond, postgresCores } = await pgbench(database.url, mode, clients);
      const statements = mode === 'extended' ? 'parsed each time, as the app' : 'prepared';
      rows.push([String(clients), statements, ordersPerSecond.toFixed(0), postgresCores.toFixed(2), ((postgresCores * 1e6) / ordersPerSecond).toFixed(0)]);
    }
  }
  const title = `POST /orders' statements, PostgreSQL alone (pgbench, ${values.seconds} s each)`;
  const text = table(['clients', 'statements', 'orders/s', 'PostgreSQL cores busy', 'PostgreSQL CPU µs/order'], rows);
  console.log(`\n${title}\n\n${text}`);
  writeFileSync('bench/results/postgres-only.md', `# ${title}, ${new Date().toISOString()}\n\n\`\`\`\n${text}\n\`\`\`\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
