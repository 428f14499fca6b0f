import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

/** Resident memory of a process in MB, from /proc. */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : 0;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time so far of each PostgreSQL process of this machine, in ms, by pid. */
export function postgresCpuMs(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') byPid.set(Number(entry), cpuMs(Number(entry)));
    } catch {
      // the process ended while being read
    }
  }
  return byPid;
}

/**
 * PostgreSQL's CPU time since `before`, in ms. Per process: a backend that exits in between (a pool closing an
 * idle connection) would otherwise take its whole history out of a plain total.
 */
export function postgresCpuMsSince(before: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of postgresCpuMs()) total += ms - (before.get(pid) ?? 0);
  return total;
}

export interface Started {
  process: ChildProcess;
  /** Milliseconds from spawn to the first 200 from `readyPath`. */
  coldStartMs: number;
  stop(): Promise<void>;
}

/**
 * The servers still running. A benchmark that fails midway exits without stopping its servers, and none exits when
 * its parent does: one listener stops them all (one per server passed Node's limit of ten with bench:compare's
 * eleven servers).
 */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGTERM');
});

/** A child killed by a signal has no exit code, only its signal. */
const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Starts a Node script and waits until `readyUrl` answers 200. */
export async function startServer(script: string, env: Record<string, string>, readyUrl: string, nodeFlags: string[] = []): Promise<Started> {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, script], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  for (;;) {
    if (hasExited(child)) throw new Error(`${script} exited with ${child.exitCode ?? child.signalCode}`);
    const ok = await fetch(readyUrl).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const coldStartMs = performance.now() - started;
  return {
    process: child,
    coldStartMs,
    stop: () =>
      new Promise((done) => {
        if (hasExited(child)) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
