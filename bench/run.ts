/**
 * The HTTP benchmark: the app as start:prod runs it, on PostgreSQL, beside a bare Fastify + pg baseline on the same
 * Node, same machine, same run (and, for the product reads, Nest's floor), driven by wrk (bench/load/wrk.ts).
 *   npm run bench [-- --seconds 10 --connections 50]
 * Uses BENCH_DATABASE_URL (an admin connection; default the local postgres) to create a fresh database.
 * Prints a table per scenario and writes bench/results/latest.json, latest.md and latest.svg.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BenchDatabase, seed, seedCustomers, startApp, startBaseline } from './harness';
import { ensureWrk, runLoad } from './load/wrk';
import type { ScenarioInput } from './load/scenarios';
import { freePort, rssMb, type Started } from './processes';
import { resultOf, resultsTable, type Round, type ScenarioResult, sideBySide, writeChart } from './report';
import { median } from './stats';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } } });
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const pairedRounds = 5;
const roundSeconds = Math.max(3, Math.round(seconds / 2));

interface Target {
  input: ScenarioInput;
  server: Started;
}

const load = (scenario: string, { input, server }: Target, duration: number, connectionCount = connections) =>
  runLoad({ scenario, input, connections: connectionCount, seconds: duration, serverPid: server.process.pid });

async function measure(scenario: string, target: Target): Promise<ScenarioResult> {
  await load(scenario, target, 2);
  return resultOf(scenario, 'app', [await load(scenario, target, seconds)]);
}

/**
 * The app and the baseline (and Nest's floor, where given) in rounds, every server up: a shared machine's speed
 * drifts by half within minutes, and measured one after the other the ratio drifted with it. Rounds see the same
 * machine; the ratio reported is the median of the rounds' ratios. Each round starts with the next server of the
 * last round's order, so that none always runs right after another (and inherits what it left: PostgreSQL's state,
 * the host's clock). Five rounds: with three, the product read's ratio swung from 0.57 to 0.73 between runs, the
 * higher figure for the build that was slower side by side.
 */
async function besideBaseline(scenario: string, app: Target, baseline: Target, floor?: Target): Promise<ScenarioResult[]> {
  const servers: Array<[keyof Round, Target]> = [['app', app], ['baseline', baseline], ...(floor ? [['floor', floor] as [keyof Round, Target]] : [])];
  for (const [, target] of servers) await load(scenario, target, 2);
  const rounds: Round[] = [];
  for (let round = 0; round < pairedRounds; round++) {
    const first = round % servers.length;
    const runs: Partial<Round> = {};
    for (const [name, target] of [...servers.slice(first), ...servers.slice(0, first)]) runs[name] = await load(scenario, target, roundSeconds);
    rounds.push(runs as Round);
  }
  return sideBySide(scenario, rounds);
}

/**
 * One client flooding a product read past API_RATE_LIMIT, on an instance with the default limit and store: how fast
 * the app refuses, beside how fast it serves. Refusing must be the cheapest thing it does.
 */
async function flood(input: ScenarioInput, servedPerSecond: number): Promise<string> {
  // From a fresh window: started at whatever point of a window the earlier scenarios had opened, a flood's rate
  // swung from 9,000 to 22,000 refusals/s between rounds on the same build (docs/performance.md).
  await database.emptyRateLimitCounters();
  const port = await freePort();
  const server = await startApp(port, database.url, { API_RATE_LIMIT: '6000' }); // the default (load-config.ts)
  try {
    const target = { input: { ...input, url: `http://127.0.0.1:${port}` }, server };
    // The warm-up spends the limit (6,000 reads; a fresh instance served fewer than that in 2 s); the window lasts a minute.
    await load('GET /products/{id}', target, 4);
    const run = await load('GET /products/{id}', target, seconds);
    if (run.requests !== run.non2xx) throw new Error(`${run.requests - run.non2xx} requests were served: the flood did not stay past the limit`);
    const refusedPerSecond = run.non2xx / run.seconds;
    return (
      `one client past API_RATE_LIMIT (default limit and store): ${refusedPerSecond.toFixed(0)} refusals/s, ` +
      `${(refusedPerSecond / servedPerSecond).toFixed(2)}x the served product reads/s; CPU wrk ${run.cpu.generator}%, server ${run.cpu.server}%, PostgreSQL ${run.cpu.postgres}%`
    );
  } finally {
    await server.stop();
  }
}

const database = new BenchDatabase('cb_bench_test');

async function main(): Promise<void> {
  ensureWrk();
  await database.recreate();
  const appPort = await freePort();
  const base = `http://127.0.0.1:${appPort}/api/v1`;
  const first = await startApp(appPort, database.url); // migrates and creates the admin
  const data = await seed(base);
  // The pay flow's own customers: POST /orders leaves the others' unpaid orders behind (the app's and the baseline's),
  // and in a fast hour they reached MAX_OPEN_ORDERS, so that every order of the pay flow was refused.
  const payers = await seedCustomers(base, 'bench-payer', 50);
  await first.stop();

  // Cold starts on a migrated database: two started and stopped, the third serves the scenarios; the median counts
  // (one start alone swung by a third with the machine's load).
  const coldStarts: number[] = [];
  for (let i = 0; i < 2; i++) {
    const started = await startApp(appPort, database.url);
    coldStarts.push(started.coldStartMs);
    await started.stop();
  }
  const appServer = await startApp(appPort, database.url);
  coldStarts.push(appServer.coldStartMs);
  const app = { input: { url: `http://127.0.0.1:${appPort}`, ...data }, server: appServer };
  const baselinePort = await freePort();
  const baseline = { input: { ...app.input, url: `http://127.0.0.1:${baselinePort}` }, server: await startBaseline(baselinePort, database.url) };
  // Nest on Fastify with nothing of the app's answers the two product reads: the least an app built as the design
  // card says can spend (decision record 0008 asks the customer to measure the app against it).
  const floorPort = await freePort();
  const floor = { input: { ...app.input, url: `http://127.0.0.1:${floorPort}` }, server: await startBaseline(floorPort, database.url, {}, [], 'nest-floor') };
  const results: ScenarioResult[] = [];
  const reads = ['GET /products/{id}', 'GET /products?limit=20'];
  for (const scenario of reads) results.push(...(await besideBaseline(scenario, app, baseline, floor)));
  await floor.server.stop();
  results.push(await measure('GET /orders?limit=20', app));
  const rssAfterReads = rssMb(appServer.process.pid!);
  results.push(...(await besideBaseline('POST /orders', app, baseline)));
  await baseline.server.stop();
  results.push(await measure('pay flow (order + payment)', { ...app, input: { ...app.input, ...payers } }));

  // Reads while logins saturate argon2: the event loop must stay responsive.
  const [login, readsDuringLogin] = await Promise.all([
    measure('POST /auth/login', app),
    new Promise((r) => setTimeout(r, 2500)).then(() => load(reads[0], app, Math.max(3, seconds - 4), 10)),
  ]);
  results.push(login);
  const peakRss = rssMb(appServer.process.pid!);
  await appServer.stop();
  const floodLine = await flood(app.input, results.find((r) => r.scenario === reads[0] && r.target === 'app')!.requestsPerSecond);

  const oversold = await database.productsWithWrongStock();
  const summary = {
    date: new Date().toISOString(),
    settings: { generator: 'wrk, 1 thread', connections, seconds, pairedRounds, roundSeconds },
    coldStartMs: Math.round(median(coldStarts)),
    coldStartsMs: coldStarts.map(Math.round),
    rssAfterReadsMb: Math.round(rssAfterReads),
    peakRssMb: Math.round(peakRss),
    readsWhileLoggingIn: { requestsPerSecond: Math.round(readsDuringLogin.requestsPerSecond), p99: readsDuringLogin.p99, connections: 10 },
    oversoldProducts: oversold,
    results,
  };
  const text = [
    resultsTable(results),
    '',
    `cold start (spawn to first 200 on /health/ready, PostgreSQL): ${summary.coldStartMs} ms (median of ${summary.coldStartsMs.join(', ')})`,
    `RSS after the read scenarios: ${summary.rssAfterReadsMb} MB; peak after all: ${summary.peakRssMb} MB`,
    `GET /products/{id} at 10 connections while logins run: ${summary.readsWhileLoggingIn.requestsPerSecond} req/s, p99 ${summary.readsWhileLoggingIn.p99} ms`,
    floodLine,
    `products whose stock does not match their orders: ${oversold}`,
  ].join('\n');
  const settings =
    `wrk (1 thread), ${connections} connections, ${seconds} s per scenario; reads and POST /orders: app and baseline (and, for the product reads, ` +
    `Nest's floor) in ${pairedRounds} rounds of ${roundSeconds} s, each started by the next server (medians; a round with a failed request is void). CPU: % of one core over the run`;
  console.log(`\n${settings}\n\n${text}`);
  writeFileSync('bench/results/latest.json', `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync('bench/results/latest.md', `# Benchmark ${summary.date}\n\n${settings}.\n\n\`\`\`\n${text}\n\`\`\`\n\n![chart](latest.svg)\n`);
  writeChart('bench/results/latest.svg', results);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
