import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { productionCommand } from '../../scripts/production-command';

const root = resolve(__dirname, '../..');

/** The shipped artifact run to its end (a bad setting stops it at once), as start:prod runs it. */
function runShipped(env: Record<string, string>) {
  const { nodeFlags, entry } = productionCommand();
  return spawnSync(process.execPath, [...nodeFlags, resolve(root, entry)], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

const WEBHOOK_SECRET_KEY = Buffer.alloc(32, 'w').toString('base64');
const badPort = { PORT: 'not-a-port', JWT_SECRET: 'x'.repeat(40), MAIL_DISABLED: 'true', WEBHOOK_SECRET_KEY };

/** The Docker image's CMD (an exec-form JSON array). */
function dockerCommand(): string[] {
  const cmd = readFileSync(resolve(root, 'docker/Dockerfile'), 'utf8').split('\n').find((line) => line.startsWith('CMD ['))!;
  return JSON.parse(cmd.slice('CMD '.length)) as string[];
}

describe('Start-up', () => {
  // The HTTP tests load dist/bundle.js (test/support/built.ts): production must start that same file, not
  // another build or transformation of it (docs/decisions/0006-ship-one-bundle.md).
  it('starts the bundle the HTTP tests load, with the same command in npm run start:prod and the Docker image', () => {
    const { nodeFlags, entry } = productionCommand();
    expect(entry).toBe('dist/main.js');
    expect(dockerCommand()).toEqual(['node', ...nodeFlags, entry]);
    expect(readFileSync(resolve(root, 'dist/main.js'), 'utf8')).toContain('require("./bundle").serve()');
    expect(readFileSync(resolve(root, 'test/support/built.ts'), 'utf8')).toContain("require(resolve(__dirname, '../../dist/bundle.js'))");
  });

  it('stops with a message naming a bad setting', () => {
    const run = runShipped(badPort);
    expect(run.stderr).not.toContain('bad option');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid configuration');
    expect(run.stderr).toMatch(/PORT: /);
  });

  it('refuses to start in production without JWT_SECRET', () => {
    const run = runShipped({ MAIL_DISABLED: 'true' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/JWT_SECRET: /);
  });

  it('refuses to start in production without SMTP_URL unless mail is disabled on purpose', () => {
    const run = runShipped({ JWT_SECRET: 'x'.repeat(40), WEBHOOK_SECRET_KEY });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/SMTP_URL: .*MAIL_DISABLED=true/);
  });

  it('refuses to start in production without WEBHOOK_SECRET_KEY, which keeps webhook signing secrets encrypted', () => {
    const run = runShipped({ JWT_SECRET: 'x'.repeat(40), MAIL_DISABLED: 'true' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/WEBHOOK_SECRET_KEY: .*required in production/);
  });
});
