/**
 * Where the cold start goes, on the shipped build: the cold start as `npm run bench` measures it (spawn to the
 * first 200 from /health/ready, PostgreSQL), beside what Node alone takes to start and exit, how long loading
 * the app's modules takes (requiring dist/create-app: every module the app loads before it runs), and the
 * packages that weigh most, each loaded alone the way the app reaches it. All with start:prod's node flags and
 * Node's compile cache warm, in fresh processes, in alternating rounds.
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

/**
 * What the app loads, each with the modules it loads in turn; `import` where an ES module imports it. An ES module
 * that imports node:http makes Node 24 load its fetch and WebSocket implementation (undici) at once
 * (nodejs/node#59686); @nestjs/core imports STATUS_CODES from it.
 */
const PACKAGES: Array<{ specifier: string; how: 'require' | 'import'; reachedBy: string }> = [
  { specifier: '@nestjs/core', how: 'require', reachedBy: 'the app' },
  { specifier: '@nestjs/common', how: 'require', reachedBy: 'the app' },
  { specifier: 'node:http', how: 'import', reachedBy: '@nestjs/core' },
  { specifier: '@nestjs/swagger', how: 'require', reachedBy: 'the DTOs' },
  { specifier: 'es-toolkit/compat', how: 'import', reachedBy: '@nestjs/swagger' },
  { specifier: '@mikro-orm/postgresql', how: 'require', reachedBy: 'the app' },
  { specifier: 'kysely', how: 'import', reachedBy: '@mikro-orm/sql' },
  { specifier: 'rxjs', how: 'import', reachedBy: '@nestjs/core' },
  { specifier: 'class-validator', how: 'require', reachedBy: 'the DTOs' },
  { specifier: '@nestjs/platform-fastify', how: 'require', reachedBy: 'the app' },
];

interface Probed {
  loadMs: number;
  modules: number;
  esModules: number;
}

const load = (how: 'require' | 'import', specifier: string, count = false): Probed =>
  JSON.parse(execFileSync(process.execPath, [...nodeFlags, probe, how, specifier, ...(count ? ['--count'] : [])], { encoding: 'utf8' })) as Probed;

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
  for (const { how, specifier } of PACKAGES) load(how, specifier);

  const samples = new Map<string, number[]>();
  const add = (part: string, ms: number) => samples.set(part, [...(samples.get(part) ?? []), ms]);
  for (let round = 0; round < Number(values.rounds); round++) {
    add('cold start: spawn to the first 200 from /health/ready', await coldStartMs(database.url));
    add('Node alone: spawn to exit of `node -e ""`', nodeAloneMs());
    add("the app's modules: require('dist/create-app')", load('require', './dist/create-app').loadMs);
    for (const { specifier, how, reachedBy } of PACKAGES) add(`  ${specifier} (${how}, by ${reachedBy})`, load(how, specifier).loadMs);
  }
  const counted = load('require', './dist/create-app', true);
  const medianOf = (part: string) => summarise(samples.get(part)!).median;
  const [coldStart, nodeAlone, modules] = [...samples.keys()].slice(0, 3).map(medianOf);
  const rows = [...samples].map(([part, ms]) => [part, medianOf(part).toFixed(0), `${Math.min(...ms).toFixed(0)}-${Math.max(...ms).toFixed(0)}`]);
  rows.splice(3, 0, ['the rest: Nest, MikroORM, migrations check, routes, listen, first reply', (coldStart - nodeAlone - modules).toFixed(0), '(by difference)']);
  const report = [
    `# Start-up ${new Date().toISOString()}`,
    '',
    '```',
    `${values.rounds} alternating rounds, start:prod's node flags (${nodeFlags.join(' ')}), compile cache warm; ms`,
    '',
    table(['part', 'median', 'range'], rows),
    '',
    `modules loaded by dist/create-app: ${counted.modules}, ${counted.esModules} of them ES modules`,
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
