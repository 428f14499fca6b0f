import type { MikroORM } from '@mikro-orm/core';
import type { Pool } from 'pg';
import type { DatabaseConfig } from '../config/app-config';

/** pg_advisory_lock's key for migrations; no other lock of the app uses it. */
const MIGRATIONS_LOCK = 7_402_310_001;

/**
 * Applies the pending migrations; returns their names. On PostgreSQL, instances started at once (a deploy, a
 * scale-up) take turns under a session advisory lock held on a connection of its own: the first migrates, the
 * next find nothing pending. Two that migrated together failed on PostgreSQL's unique index of type names, and
 * the instance stopped. Opening that connection also checks that the database exists, before MikroORM's migrator,
 * which would create a missing one: a mistyped DATABASE_URL must stop the start, not serve an empty shop.
 */
export async function migrate(orm: MikroORM, database: DatabaseConfig): Promise<string[]> {
  const up = async () => (await orm.migrator.up()).map((migration) => migration.name);
  if (!database.url) return up();
  const pool = (await orm.em.getConnection().getNativeClient()) as Pool;
  const lock = await pool.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATIONS_LOCK]);
    return await up();
  } finally {
    // Closing the connection ends its lock too: released into the pool, it would keep it.
    lock.release(true);
  }
}
