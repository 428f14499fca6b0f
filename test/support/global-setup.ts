import { writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { loadConfig, MikroORM, mikroOrmOptions } from './built';
import { assertTestDatabaseName, databaseUrl, pgliteSnapshotPath, TEMPLATE_ENV } from './database-template';

/**
 * Migrates one database with the real migrations, once per run: a PostgreSQL template database (copied per
 * test file with CREATE DATABASE ... TEMPLATE) or a PGlite snapshot file (restored per test file).
 */
export default async function globalSetup(): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 's'.repeat(32) });
  const admin = process.env.TEST_DATABASE_URL;
  if (admin) {
    const template = `cb_test_template_${process.pid}`;
    assertTestDatabaseName(template);
    const client = new Client({ connectionString: admin });
    await client.connect();
    await client.query(`drop database if exists ${template}`);
    await client.query(`create database ${template}`);
    await client.end();
    const orm = await MikroORM.init({ ...(await mikroOrmOptions({ ...config.database, url: databaseUrl(admin, template) })), allowGlobalContext: true });
    await orm.migrator.up();
    await orm.close(true);
    process.env[TEMPLATE_ENV] = template;
    return;
  }
  const pglite = await PGlite.create();
  const orm = await MikroORM.init({ ...(await mikroOrmOptions(config.database, { pglite: async () => pglite })), allowGlobalContext: true });
  await orm.migrator.up();
  const dump = await pglite.dumpDataDir('none');
  await orm.close(true);
  await pglite.close();
  const path = pgliteSnapshotPath();
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  process.env[TEMPLATE_ENV] = path;
}
