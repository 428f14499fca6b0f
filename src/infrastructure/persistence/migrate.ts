import { MikroORM } from '@mikro-orm/core';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { DatabaseConfig } from '../config/app-config';
import { SettingRefused } from '../config/setting-refused';
import { mikroOrmOptions } from './mikro-orm-options';

/** pg_advisory_lock's key for migrations; no other lock of the app uses it. */
const MIGRATIONS_LOCK = 7_402_310_001;

const logger = new Logger('Migrations');

const applyPending = async (orm: MikroORM) => (await orm.migrator.up()).map((migration) => migration.name);

/**
 * Applies the pending migrations; returns their names. On PostgreSQL, instances started at once (a deploy, a
 * scale-up) take turns under a session advisory lock held on a connection of its own: the first migrates, the
 * next find nothing pending. Two that migrated together failed on PostgreSQL's unique index of type names, and
 * the instance stopped. Opening that connection also checks that the database exists, before MikroORM's migrator,
 * which would create a missing one: a mistyped DATABASE_URL must stop the start, not serve an empty shop.
 *
 * Neither the wait for the lock nor a migration is bounded by DB_STATEMENT_TIMEOUT_MS, which is for requests: an
 * instance started behind another's long migration, or a migration that rewrites a large table, failed its start
 * at 15 s, again at every restart. The lock is taken on a client outside the pool, and the migrations run on a
 * MikroORM of their own, opened only when some are pending, whose one connection has no statement timeout.
 */
export async function migrate(orm: MikroORM, database: DatabaseConfig): Promise<string[]> {
  if (!database.url) return applyPending(orm);
  const lock = new Client({ connectionString: database.url, connectionTimeoutMillis: database.connectTimeoutMs, application_name: 'commerce-backend migrations' });
  // Idle while the migrations run: a connection lost then would be an uncaught 'error' event, a crash with a stack.
  // pg reports a loss twice (the server's message, then the closed socket): it is logged once.
  let lost = false;
  lock.on('error', (error) => {
    if (!lost) logger.warn(`The connection holding the migrations' lock failed (${error.message}); the migrations go on.`);
    lost = true;
  });
  // The first connection of a start: a failure here is the setting's (no such database, no server, TLS refused).
  await lock.connect().catch((error: unknown) => {
    throw new SettingRefused(`DATABASE_URL: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  try {
    const [{ taken }] = (await lock.query<{ taken: boolean }>('select pg_try_advisory_lock($1) as taken', [MIGRATIONS_LOCK])).rows;
    if (!taken) {
      logger.log('Waiting for another instance to finish migrating');
      await lock.query('select pg_advisory_lock($1)', [MIGRATIONS_LOCK]);
    }
    if ((await orm.migrator.getPending()).length === 0) return [];
    const unbounded = { ...database, replicaUrls: [], poolMax: 1, statementTimeoutMs: 0 };
    // Its lines join the app's log, as those of the app's MikroORM do.
    const migrating = await MikroORM.init({ ...(await mikroOrmOptions(unbounded)), allowGlobalContext: true, logger: (line) => logger.log(line) });
    try {
      return await applyPending(migrating);
    } finally {
      await migrating.close();
    }
  } finally {
    // Ending the connection ends its lock too.
    await lock.end();
  }
}

/**
 * With DB_MIGRATE=false the migrations are the operator's to apply: an instance refuses to start until they are,
 * rather than serve this code on an older schema (or stop at the first missing table with a database error).
 */
export async function assertMigrated(orm: MikroORM): Promise<void> {
  const pending = (await orm.migrator.getPending()).map((migration) => migration.name);
  if (pending.length === 0) return;
  throw new SettingRefused(
    `DB_MIGRATE=false, and ${pending.length} migrations are not applied (${pending.join(', ')}): apply them with \`npm run migration:up\`, or start one instance with DB_MIGRATE=true.`,
  );
}
