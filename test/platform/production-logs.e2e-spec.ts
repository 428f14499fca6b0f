import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnShipped, untilReady } from '../support/service-processes';

/** The shipped artifact's own log destination: stdout, written in batches (logger.module.ts). */
describe('Logs on stdout in production', () => {
  let app: ChildProcess;
  let port: number;
  const stdout: Buffer[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'cb-test-logs-'));

  beforeAll(async () => {
    port = await freePort();
    app = spawnShipped(
      {
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        JWT_SECRET: 'production-logs-test-secret-long-enough',
        MAIL_DISABLED: 'true',
        WEBHOOK_SECRET_KEY: Buffer.alloc(32, 'l').toString('base64'),
      },
      ['ignore', 'pipe', 'inherit'],
    );
    app.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    await untilReady(app, port);
  }, 60_000);
  afterAll(() => {
    app.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes a whole line for every request, and the last batch when it stops', async () => {
    const ids = Array.from({ length: 400 }, (_, i) => `logged-request-${i}`);
    for (let i = 0; i < ids.length; i += 50) {
      const batch = ids.slice(i, i + 50).map((id) => fetch(`http://127.0.0.1:${port}/api/v1/products?limit=5`, { headers: { 'x-request-id': id } }));
      for (const reply of await Promise.all(batch)) expect(reply.status).toBe(200);
    }
    app.kill('SIGTERM');
    await once(app, 'exit');

    const lines = Buffer.concat(stdout).toString('utf8').trimEnd().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as { msg: string; req?: { id: string; url: string }; statusCode?: number });
    const requests = entries.filter((entry) => entry.msg === 'request completed');
    expect(requests.map((entry) => entry.req!.id).sort()).toEqual([...ids].sort());
    expect(requests.every((entry) => entry.statusCode === 200 && entry.req!.url === '/api/v1/products?limit=5')).toBe(true);
    expect(entries.at(-1)!.msg).toBe('SIGTERM: shutting down gracefully');
    // The migrations of the first start, logged by MikroORM, without the terminal colour codes it once wrote.
    expect(entries.find((entry) => entry.msg.includes("Applied 'M001Identity'"))?.msg).toBe("[migrator] Applied 'M001Identity'");
    expect(lines.filter((line) => line.includes('\\u001b'))).toEqual([]);
    // No DATABASE_URL in production: served, and said (a forgotten one looks the same).
    expect(entries.find((entry) => entry.msg.startsWith('DATABASE_URL is not set'))?.msg).toContain(`the embedded database in ${dataDir}`);
  }, 30_000);
});
