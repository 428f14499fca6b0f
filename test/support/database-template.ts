import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where global set-up leaves the migrated starting point each test file copies. */
export const TEMPLATE_ENV = 'CB_TEST_TEMPLATE';

export const pgliteSnapshotPath = () => join(tmpdir(), `cb-test-pglite-${process.pid}-${randomBytes(4).toString('hex')}.tar`);

/** Tests create and drop databases: never on one whose name does not say so. */
export function assertTestDatabaseName(name: string): void {
  if (!/test/i.test(name)) throw new Error(`Refusing to use database "${name}": test databases must have "test" in their name.`);
}

export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}
