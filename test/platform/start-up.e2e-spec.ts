import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

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
});
