import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { TEMPLATE_ENV } from './database-template';

export default async function globalTeardown(): Promise<void> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) return;
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) {
    rmSync(template, { force: true });
    return;
  }
  const client = new Client({ connectionString: admin });
  await client.connect();
  await client.query(`drop database if exists ${template}`);
  await client.end();
}
