/**
 * Writes the OpenAPI document the app serves to openapi.json at the repository root, for clients and review:
 *   npm run openapi:write
 * or to another file given as the argument (the contract lint checks a fresh one).
 * The app is the shipped one (dist/bundle.js) on a throwaway in-memory database; test/platform checks the file is current.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type * as Bundle from '../src/bundle';

const { createApp, loadConfig } = require(resolve('dist/bundle.js')) as typeof Bundle;

async function main(): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'w'.repeat(32), SEED_DEMO_DATA: 'false' });
  const app = await createApp(config, { pglite: () => PGlite.create() });
  const reply = await app.inject({ method: 'GET', url: '/docs/openapi.json' });
  await app.close();
  const target = process.argv[2] ?? 'openapi.json';
  writeFileSync(target, `${JSON.stringify(JSON.parse(reply.body), null, 2)}\n`);
  console.log(`Wrote ${target}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
