/**
 * Where the cold start goes, on the shipped build: the cold start as `npm run bench` measures it (spawn to the
 * first 200 from /health/ready, PostgreSQL), beside what Node alone takes to start and exit and how long loading
 * the bundle takes (requiring dist/bundle.js: the app and the packages in it, and the few it loads from
 * node_modules). All with start:prod's node flags and Node's compile cache warm, in fresh processes, in
 * alternating rounds.
 *   npm run bench:start-up [-- --rounds 5]
 * Prints a table and writes it to bench/results/start-up.md.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { productionCommand } from '../scripts/production-command';
import { BenchDatabase, startApp } from './harness';
import { freePort } from './processes';
import { table } from './report';
import { summarise } from './stats';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const probe = resolve(__dirname, 'start-up/load-probe.js');
const { nodeFlags } = productionCommand();

interface Probed {
  loadMs: number;
  modules: number;
  esModules: number;
}

const load = (path: string, count = false): Probed =>
  JSON.parse(execFileSync(process.execPath, [...nodeFlags, probe, path, ...(count ? ['--count'] : [])], { encoding: 'utf8' })) as Probed;

function nodeAloneMs(): number {
  const started = performance.now();
  execFileSync(process.execPath, [...nodeFlags, '-e', '']);
  return performance.now() - started;
}

async function coldStartMs(databaseUrl: string): Promise<number> {
  const started = await startApp(await freePort(), databaseUrl);
  await started.stop();
  return started.coldStartMs;
}

const database = new BenchDatabase('cb_bench_start_up');

async function main(): Promise<void> {
  await database.recreate();
  await coldStartMs(database.url); // migrates, creates the admin and fills the compile cache

  const samples = new Map<string, number[]>();
  const add = (part: string, ms: number) => samples.set(part, [...(samples.get(part) ?? []), ms]);
  for (let round = 0; round < Number(values.rounds); round++) {
    add('cold start: spawn to the first 200 from /health/ready', await coldStartMs(database.url));
    add('Node alone: spawn to exit of `node -e ""`', nodeAloneMs());
    add("the bundle: require('dist/bundle.js')", load('./dist/bundle.js').loadMs);
  }
  const counted = load('./dist/bundle.js', true);
  const medianOf = (part: string) => summarise(samples.get(part)!).median;
  const [coldStart, nodeAlone, bundleLoad] = [...samples.keys()].slice(0, 3).map(medianOf);
  const rows = [...samples].map(([part, ms]) => [part, medianOf(part).toFixed(0), `${Math.min(...ms).toFixed(0)}-${Math.max(...ms).toFixed(0)}`]);
  rows.splice(3, 0, ['the rest: Nest, MikroORM, migrations check, routes, listen, first reply', (coldStart - nodeAlone - bundleLoad).toFixed(0), '(by difference)']);
  const report = [
    `# Start-up ${new Date().toISOString()}`,
    '',
    '```',
    `${values.rounds} alternating rounds, start:prod's node flags (${nodeFlags.join(' ')}), compile cache warm; ms`,
    '',
    table(['part', 'median', 'range'], rows),
    '',
    `modules loaded by dist/bundle.js: ${counted.modules}, ${counted.esModules} of them ES modules`,
    '```',
    '',
  ].join('\n');
  process.stdout.write(report);
  writeFileSync(resolve(__dirname, '../../bench/results/start-up.md'), report);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
