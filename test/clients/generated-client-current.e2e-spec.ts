import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTestApp, type TestApp } from '../support/test-app';

/** The committed client must be what `npm run client:generate` makes of the document the app serves now. */
describe('The generated TypeScript client', () => {
  const root = resolve(__dirname, '../..');
  let t: TestApp;
  let work: string;

  beforeAll(async () => {
    t = await startTestApp();
    work = mkdtempSync(join(tmpdir(), 'cb-client-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('is current: regenerating it from the served document changes nothing', async () => {
    const served = await t.app.inject({ method: 'GET', url: '/docs/openapi.json' });
    writeFileSync(join(work, 'openapi.json'), served.body);
    const generator = join(root, 'node_modules/openapi-typescript/bin/cli.js');
    const run = spawnSync(process.execPath, [generator, join(work, 'openapi.json'), '-o', join(work, 'schema.d.ts')], { encoding: 'utf8' });
    expect(run.status).toBe(0);

    const committed = readFileSync(join(root, 'clients/typescript/schema.d.ts'), 'utf8');
    const fresh = readFileSync(join(work, 'schema.d.ts'), 'utf8');
    // One assertion with a hint, rather than a 5,000-line diff: the fix is always the same command.
    expect({ current: committed === fresh, fix: 'npm run client:generate' }).toEqual({ current: true, fix: 'npm run client:generate' });
  });
});
