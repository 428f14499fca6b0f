import { type ChildProcess, spawn, type StdioOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { productionCommand } from '../../scripts/production-command';
import { ADMIN } from './journeys';

/**
 * Real processes: the app started exactly as `npm run start:prod` starts it, for the tests that spawn it, and for
 * the cluster tests a NATS and a Redis server of their own (Debian's nats-server and redis-server), so a test
 * can kill and restart any of them.
 */
export const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

const until = async (what: string, ready: () => Promise<boolean>, child: ChildProcess, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** Until the app `child` answers 200 on /health/ready at `port`; fails at once if it exits. */
export const untilReady = (child: ChildProcess, port: number, timeoutMs = 30_000) =>
  until('app instance', () => fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false), child, timeoutMs);

const accepts = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = new Socket();
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1');
  });

export interface RunningProcess {
  readonly url: string;
  readonly port: number;
  /** SIGTERM (graceful) or SIGKILL (a crash); resolves once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function track(child: ChildProcess, url: string, port: number, cleanup = () => undefined): RunningProcess {
  return {
    url,
    port,
    stop: (signal = 'SIGTERM') =>
      new Promise((done) => {
        const finish = () => (cleanup(), done());
        if (child.exitCode !== null || child.signalCode !== null) return finish();
        child.once('exit', finish);
        child.kill(signal);
      }),
  };
}

const root = resolve(__dirname, '../..');

/** The shipped artifact, with start:prod's node flags, on Node's own environment plus `env` only. */
export function spawnShipped(env: Record<string, string>, stdio: StdioOptions = 'ignore'): ChildProcess {
  const { nodeFlags, entry } = productionCommand();
  return spawn(process.execPath, [...nodeFlags, resolve(root, entry)], { env: { PATH: process.env.PATH, ...env }, stdio });
}

/**
 * One API instance on its own port, answering /health/ready. Logs go to the test's output only on failure; the
 * instance writes them in batches (at most 200 ms late), so a test waits for a line with `untilLogged`.
 */
export async function startInstance(env: Record<string, string>): Promise<RunningProcess & { logs: string[]; untilLogged(text: string): Promise<void> }> {
  const port = await freePort();
  const logs: string[] = [];
  const child = spawnShipped(
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'cluster-test-secret-that-is-long-enough',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      DB_MIGRATE: 'false',
      TRUST_PROXY: 'loopback', // the tests' client plays the one proxy in front, sending X-Forwarded-For
      MAIL_DISABLED: 'true', // production refuses to start without SMTP_URL otherwise; these tests read no mail
      WEBHOOK_SECRET_KEY: 'Y2x1c3Rlci10ZXN0LXdlYmhvb2sta2V5LTMyLWJ5dGU=', // required in production; shared, like JWT_SECRET
      ...env,
    },
    ['ignore', 'pipe', 'pipe'],
  );
  child.stdout!.on('data', (chunk) => logs.push(String(chunk)));
  child.stderr!.on('data', (chunk) => logs.push(String(chunk)));
  const url = `http://127.0.0.1:${port}`;
  await untilReady(child, port);
  const untilLogged = (text: string) => until(`the line "${text}" in the log`, async () => logs.join('').includes(text), child, 5_000);
  return { ...track(child, url, port), logs, untilLogged };
}

/** nats-server with JetStream; `restart` brings it back on the same port with the same store. */
export async function startNats(previous?: { port: number; storeDir: string }) {
  const port = previous?.port ?? (await freePort());
  const storeDir = previous?.storeDir ?? mkdtempSync(join(tmpdir(), 'cb-nats-'));
  const child = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore' });
  await until('nats-server', () => accepts(port), child);
  const running = track(child, `nats://127.0.0.1:${port}`, port);
  return { ...running, storeDir, removeStore: () => rmSync(storeDir, { recursive: true, force: true }) };
}

/**
 * Stoplight Prism's validating proxy in front of `upstream`: every request and reply is checked against
 * `document`. With --errors a reply that breaks the document is replaced by Prism's own 500 problem, and a
 * request that breaks it is answered by Prism (422, or 401 without a token) instead of being forwarded; every
 * violation also goes to its log and the `sl-violations` header. It refuses a document with a `$ref` that points
 * nowhere. No CORS headers of its own: the replies stay the app's.
 */
export async function startPrismProxy(document: string, upstream: string): Promise<RunningProcess & { log(): string }> {
  const port = await freePort();
  const cli = join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist/index.js');
  const args = ['proxy', document, upstream, '--errors', '--no-cors', '--host', '127.0.0.1', '--port', String(port)];
  const child = spawn(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout!.on('data', (chunk) => output.push(String(chunk)));
  child.stderr!.on('data', (chunk) => output.push(String(chunk)));
  const log = () => output.join('');
  await until('prism proxy', () => accepts(port), child).catch((error: Error) => {
    throw new Error(`${error.message}:\n${log()}`);
  });
  return { ...track(child, `http://127.0.0.1:${port}`, port), log };
}

/** A private redis-server that keeps nothing on disk. */
export async function startRedis() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await until('redis-server', () => accepts(port), child);
  return track(child, `redis://127.0.0.1:${port}`, port);
}

/** A client address from the documentation prefix, new per call, so one test's per-IP limits never touch another's. */
export const someClientIp = () => `2001:db8::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
