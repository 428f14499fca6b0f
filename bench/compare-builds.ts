/**
 * Two or more builds of the app, and the bare baseline (`baseline`) or Nest's floor (`nest-floor`) if asked, up at
 * once on one seeded database and driven in alternating rounds: requests/s and p99, and the CPU each server
 * process and PostgreSQL spent per request (from /proc). On a shared machine requests/s drift with the host
 * within minutes; CPU per request measured side by side is the figure that tells whether a change made the app
 * cheaper. For writes the split blurs: the builds share one outbox, and whichever instance holds the relay's lock
 * does the background work of them all.
 *   mkdir -p .bench-builds && cp -r dist .bench-builds/before && cp asyncapi.json .bench-builds/
 *     (nest build empties dist/: keep a build outside it, beside the document it serves from ../asyncapi.json)
 *   ... change, npm run build ...
 *   npm run bench:compare -- [--scenario 'POST /orders'] [--rounds 6] [--seconds 4] .bench-builds/before dist baseline
 * A build may carry settings of its own, environment variables and node flags, to weigh a configuration against
 * another on the same build:
 *   npm run bench:compare -- dist 'dist DB_POOL_MAX=4' 'dist --optimize-for-size'
 */
import { parseArgs } from 'node:util';
import { BenchDatabase, isBareServer, seed, startApp, startBaseline } from './harness';
import type { ScenarioInput } from './load/scenarios';
import { ensureWrk, runLoad } from './load/wrk';
import { cpuMs, freePort, postgresCpuMs, postgresCpuMsSince, rssMb, type Started } from './processes';
import { table } from './report';
import { median } from './stats';

const { values, positionals: builds } = parseArgs({
  allowPositionals: true,
  options: {
    scenario: { type: 'string', default: 'GET /products/{id}' },
    rounds: { type: 'string', default: '6' },
    seconds: { type: 'string', default: '4' },
    connections: { type: 'string', default: '50' },
  },
});
const connections = Number(values.connections);

interface Contender {
  name: string;
  server: Started;
  input: ScenarioInput;
  requestsPerSecond: number[];
  p99: number[];
  serverUs: number[];
  postgresUs: number[];
  rssMb?: number;
}

async function main(): Promise<void> {
  if (builds.length < 1) throw new Error('name at least one build directory (or baseline, nest-floor) to measure');
  ensureWrk();
  const database = new BenchDatabase('cb_bench_compare');
  await database.recreate();
  const seedPort = await freePort();
  const first = await startApp(seedPort, database.url, {}, builds.map(buildAndSettings).find(({ build }) => !isBareServer(build))?.build);
  const data = await seed(`http://127.0.0.1:${seedPort}/api/v1`);
  await first.stop();

  const contenders: Contender[] = [];
  for (const name of builds) {
    const port = await freePort();
    const { build, env, nodeFlags } = buildAndSettings(name);
    const server = isBareServer(build) ? await startBaseline(port, database.url, env, nodeFlags, build) : await startApp(port, database.url, env, build, nodeFlags);
    running.push(server);
    contenders.push({ name, server, input: { url: `http://127.0.0.1:${port}`, ...data }, requestsPerSecond: [], p99: [], serverUs: [], postgresUs: [] });
  }
  const load = (contender: Contender, seconds: number) => runLoad({ scenario: values.scenario, input: contender.input, connections, seconds });
  for (const contender of contenders) await load(contender, 2);
  for (let round = 0; round < Number(values.rounds); round++) {
    // Every other round in reverse order: a build measured always right after another (the baseline, say) would
    // carry what that one left behind (PostgreSQL's state, the host's clock) into its figures.
    for (const contender of round % 2 === 0 ? contenders : [...contenders].reverse()) {
      const [server, postgres] = [cpuMs(contender.server.process.pid!), postgresCpuMs()];
      const result = await load(contender, Number(values.seconds));
      const requests = result.requests;
      contender.requestsPerSecond.push(result.requestsPerSecond);
      contender.p99.push(result.p99);
      contender.serverUs.push(((cpuMs(contender.server.process.pid!) - server) * 1000) / requests);
      contender.postgresUs.push((postgresCpuMsSince(postgres) * 1000) / requests);
      if (result.socketErrors + result.non2xx > 0) console.warn(`${contender.name}: ${result.socketErrors + result.non2xx} failed requests`);
    }
  }
  for (const contender of contenders) {
    contender.rssMb = rssMb(contender.server.process.pid!);
    await contender.server.stop();
  }

  const rows = contenders.map((c) => [
    c.name,
    median(c.requestsPerSecond).toFixed(0),
    `${median(c.p99)}`,
    median(c.serverUs).toFixed(0),
    c === contenders[0] ? '1' : pairedRatio(c.serverUs, contenders[0].serverUs),
    median(c.postgresUs).toFixed(0),
    c.rssMb!.toFixed(0),
  ]);
  console.log(`\n${values.scenario}: ${values.rounds} alternating rounds of ${values.seconds} s at ${connections} connections (medians)\n`);
  console.log(table(['build', 'req/s', 'p99 ms', 'server CPU µs/req', 'x the first (range of rounds)', 'PostgreSQL CPU µs/req', 'RSS MB at the end'], rows));
  console.log('\nA ratio whose rounds fall on both sides of 1 is not shown by this run: more rounds, or a larger change.');
  console.log(`\nproducts whose stock does not match their orders: ${await database.productsWithWrongStock()}`);
}

/**
 * A build's server CPU per request against the first build's, round by round (the two ran within seconds of each
 * other, so the host's drift over the run cancels out): the median ratio and the range of the rounds' ratios.
 */
function pairedRatio(samples: number[], firstSamples: number[]): string {
  const ratios = samples.map((sample, round) => sample / firstSamples[round]).sort((a, b) => a - b);
  return `${median(ratios).toFixed(2)} (${ratios[0].toFixed(2)}-${ratios[ratios.length - 1].toFixed(2)})`;
}

/** `dist DB_POOL_MAX=4 --optimize-for-size`: a build directory, then its environment and node flags. */
function buildAndSettings(name: string): { build: string; env: Record<string, string>; nodeFlags: string[] } {
  const [build, ...settings] = name.split(' ').filter(Boolean);
  const assignments = settings.filter((setting) => !setting.startsWith('--'));
  return {
    build,
    env: Object.fromEntries(assignments.map((setting) => [setting.slice(0, setting.indexOf('=')), setting.slice(setting.indexOf('=') + 1)])),
    nodeFlags: settings.filter((setting) => setting.startsWith('--')),
  };
}

/** Servers up, stopped when a later one fails to start: one left behind holds the terminal's pipe open. */
const running: Started[] = [];

main().catch(async (error: unknown) => {
  console.error(error);
  await Promise.all(running.map((server) => server.stop()));
  process.exit(1);
});
