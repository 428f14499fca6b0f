import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { assertTestDatabaseName, databaseUrl, TEMPLATE_ENV } from './database-template';

export interface TestDatabase {
  /** For the app's configuration: a PostgreSQL URL, or nothing for PGlite. */
  readonly url?: string;
  readonly pglite?: () => Promise<PGlite>;
  readonly kind: 'postgresql' | 'pglite';
  drop(): Promise<void>;
}

/** A fresh copy of the migrated template, for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error('The http project\'s global set-up did not run.');
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) {
    const instance = PGlite.create({ loadDataDir: new Blob([readFileSync(template)]) });
    return { kind: 'pglite', pglite: () => instance, drop: async () => (await instance).close() };
  }
  const name = `cb_test_${randomBytes(6).toString('hex')}`;
  assertTestDatabaseName(name);
  await withRetry(() => onAdmin(admin, (client) => client.query(`create database ${name} template ${template}`)));
  return {
    kind: 'postgresql',
    url: databaseUrl(admin, name),
    drop: () => onAdmin(admin, (client) => client.query(`drop database if exists ${name} with (force)`)),
  };
}

async function onAdmin(url: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** Parallel workers copying one template can collide ("source database is being accessed"): wait and retry. */
async function withRetry(work: () => Promise<void>, attempts = 20): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}
