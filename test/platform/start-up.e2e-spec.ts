import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../..');

/** The node flags `npm run start:prod` gives the bundle (package.json). */
function startProdFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return scripts['start:prod'].split(' ').filter((word) => word.startsWith('--'));
}

/** The node flags of the Docker image's CMD (an exec-form JSON array). */
function dockerFlags(): string[] {
  const cmd = readFileSync(resolve(root, 'docker/Dockerfile'), 'utf8').split('\n').find((line) => line.startsWith('CMD ['))!;
  return (JSON.parse(cmd.slice('CMD '.length)) as string[]).filter((word) => word.startsWith('--'));
}

describe('Start-up', () => {
  it('stops with a message naming a bad setting', () => {
    const run = spawnSync(process.execPath, [resolve(__dirname, '../../dist/bundle/main.js')], {
      env: { PATH: process.env.PATH, PORT: 'not-a-port', NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid configuration');
    expect(run.stderr).toMatch(/PORT: /);
  });

  it('refuses to start in production without JWT_SECRET', () => {
    const run = spawnSync(process.execPath, [resolve(__dirname, '../../dist/bundle/main.js')], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/JWT_SECRET: /);
  });

  // V8 flags come and go between Node releases, and node refuses one it does not know (exit 9, "bad option")
  // before the app runs: the production flags must reach the app's own configuration check.
  it('runs with the node flags of npm run start:prod, which the Docker image gives too', () => {
    const flags = startProdFlags();
    expect(flags).toContain('--heap-growing-percent=25');
    expect(dockerFlags()).toEqual(flags);
    const run = spawnSync(process.execPath, [...flags, resolve(root, 'dist/bundle/main.js')], {
      env: { PATH: process.env.PATH, PORT: 'not-a-port', NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stderr).not.toContain('bad option');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid configuration');
  });
});
