import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { productionNodeFlags } from '../../scripts/production-node-flags';

const root = resolve(__dirname, '../..');

/** The bundle run to its end (a bad setting stops it at once), with node flags before it. */
function runBundle(env: Record<string, string>, nodeFlags: string[] = []) {
  return spawnSync(process.execPath, [...nodeFlags, resolve(root, 'dist/bundle/main.js')], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

const badPort = { PORT: 'not-a-port', JWT_SECRET: 'x'.repeat(40) };

/** The node flags of the Docker image's CMD (an exec-form JSON array). */
function dockerFlags(): string[] {
  const cmd = readFileSync(resolve(root, 'docker/Dockerfile'), 'utf8').split('\n').find((line) => line.startsWith('CMD ['))!;
  return (JSON.parse(cmd.slice('CMD '.length)) as string[]).filter((word) => word.startsWith('--'));
}

describe('Start-up', () => {
  it('stops with a message naming a bad setting', () => {
    const run = runBundle(badPort);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid configuration');
    expect(run.stderr).toMatch(/PORT: /);
  });

  it('refuses to start in production without JWT_SECRET', () => {
    const run = runBundle({});
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/JWT_SECRET: /);
  });

  // V8 flags come and go between Node releases, and node refuses one it does not know (exit 9, "bad option")
  // before the app runs: the production flags must reach the app's own configuration check.
  it('runs with the node flags of npm run start:prod, which the Docker image gives too', () => {
    const flags = productionNodeFlags();
    expect(flags).toContain('--heap-growing-percent=25');
    expect(dockerFlags()).toEqual(flags);
    const run = runBundle(badPort, flags);
    expect(run.stderr).not.toContain('bad option');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid configuration');
  });
});
