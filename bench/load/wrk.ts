/**
 * The load generator: wrk, a native one. On two cores a Node generator (autocannon) saturated its own core near
 * 4,500 req/s, below what the bare baseline serves, so its figures were the generator's ceiling. wrk comes from
 * Debian's package, installed here when missing (by the script that installs CI's and the security scan's tools).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cpuMs, postgresCpuMs, postgresCpuMsSince } from '../processes';
import { type ScenarioInput, scriptOf } from './scenarios';

export interface LoadResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  /** Replies with a status of 400 or more. */
  non2xx: number;
  /** Connect, read and write errors and timeouts. */
  socketErrors: number;
  /** Share of one core each process used over the run, in %: the generator, the server (when given), PostgreSQL (all its processes). */
  cpu: { generator: number; server?: number; postgres: number };
}

export interface LoadRequest {
  scenario: string;
  input: ScenarioInput;
  connections: number;
  seconds: number;
  /** The measured server, for its CPU figure. */
  serverPid?: number;
}

/** wrk on PATH, installed from Debian's package when missing. */
export function ensureWrk(): void {
  try {
    execFileSync('wrk', ['-v'], { stdio: 'ignore' });
  } catch (error) {
    // wrk -v exits 1 after printing its version: only a missing binary is a reason to install.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return;
    execFileSync('bash', ['scripts/install-debian-packages.sh', 'wrk'], { stdio: 'inherit' });
  }
}

/** The Lua data files of this run, removed when the benchmark exits (each run left its folder in the temp dir). */
const work = mkdtempSync(join(tmpdir(), 'cb-bench-wrk-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const dataFiles = new WeakMap<ScenarioInput, string>();
let dataFileCount = 0;

/** The seeded ids and tokens as a Lua chunk that returns a table, written once per input. */
function dataFileOf(input: ScenarioInput): string {
  const known = dataFiles.get(input);
  if (known) return known;
  const list = (items: string[]) => `{${items.map((item) => JSON.stringify(item)).join(',')}}`;
  const tokenOf = input.customerIds.map((id, i) => `[${JSON.stringify(id)}]=${JSON.stringify(input.tokens[i])}`).join(',');
  const file = join(work, `data-${++dataFileCount}.lua`);
  writeFileSync(
    file,
    `return {productIds=${list(input.productIds)},tokens=${list(input.tokens)},customerEmails=${list(input.customerEmails)},` +
      `customerPassword=${JSON.stringify(input.customerPassword)},tokenOf={${tokenOf}}}\n`,
  );
  dataFiles.set(input, file);
  return file;
}

const scriptFiles = new Map<string, string>();

/** The scenario's script behind the shared part, as one chunk so that it sees the shared locals. */
function scriptFileOf(scenario: string): string {
  const known = scriptFiles.get(scenario);
  if (known) return known;
  const lua = (name: string) => readFileSync(resolve('bench/load/lua', name), 'utf8');
  const file = join(work, scriptOf(scenario));
  writeFileSync(file, `${lua('common.lua')}\n${lua(scriptOf(scenario))}`);
  scriptFiles.set(scenario, file);
  return file;
}

/**
 * One wrk run (one thread: the second core is the server's and PostgreSQL's). wrk runs under `sh`, whose `times`
 * prints the CPU its finished children used: the generator's own CPU, with no sampling.
 */
export async function runLoad({ scenario, input, connections, seconds, serverPid }: LoadRequest): Promise<LoadResult> {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', scriptFileOf(scenario), input.url, '--', dataFileOf(input)];
  const serverBefore = serverPid ? cpuMs(serverPid) : 0;
  const postgresBefore = postgresCpuMs();
  const started = performance.now();
  const output = await new Promise<string>((done, fail) => {
    const child = spawn('sh', ['-c', 'wrk "$@" && times', 'wrk', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? done(text) : fail(new Error(`wrk exited with ${code}:\n${text}`))));
  });
  const wallMs = performance.now() - started;
  const share = (ms: number) => Math.round((ms / wallMs) * 100);
  const line = output.split('\n').find((l) => l.startsWith('WRK_RESULT '));
  if (!line) throw new Error(`wrk printed no result:\n${output}`);
  const r = JSON.parse(line.slice('WRK_RESULT '.length)) as { requests: number; durationUs: number; non2xx: number; socketErrors: number; p50Us: number; p99Us: number };
  const runSeconds = r.durationUs / 1e6;
  return {
    requests: r.requests,
    seconds: runSeconds,
    requestsPerSecond: r.requests / runSeconds,
    p50: r.p50Us / 1000,
    p99: r.p99Us / 1000,
    non2xx: r.non2xx,
    socketErrors: r.socketErrors,
    cpu: {
      generator: share(childrenCpuMs(output)),
      server: serverPid ? share(cpuMs(serverPid) - serverBefore) : undefined,
      postgres: share(postgresCpuMsSince(postgresBefore)),
    },
  };
}

/** The children's line of `times` (`0m1.234s 0m0.567s`: user, then system), in ms. */
function childrenCpuMs(output: string): number {
  const lines = output.trim().split('\n');
  const seconds = lines[lines.length - 1].match(/(\d+)m([\d.]+)s/g) ?? [];
  return seconds.reduce((sum, value) => {
    const [, minutes, secs] = value.match(/(\d+)m([\d.]+)s/)!;
    return sum + (Number(minutes) * 60 + Number(secs)) * 1000;
  }, 0);
}
