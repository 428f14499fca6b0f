import { mkdirSync } from 'node:fs';
import { defineConfig, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { PgliteDriver } from '@mikro-orm/pglite';
import type { DatabaseConfig } from '../config/app-config';
import { entitySchemas } from './entity-schemas';
import { guardCheckedOutConnections } from './checked-out-connections';
import { migrations } from './migrations';
import { entityManagerInScope } from './request-entity-manager';
import { claimDataDir } from './data-dir-lock';

export interface DatabaseHooks {
  /** Called with the `pg` pool once it exists (PostgreSQL only), e.g. to export its figures as metrics. */
  onPoolCreated?: (pool: Pool) => void;
  /** Tests hand in their own PGlite instance (restored from a migrated snapshot) instead of a data directory. */
  pglite?: () => Promise<PGlite>;
}

/** The driver `mikroOrmOptions` picks: PGlite's is loaded only when it is the one (a require where it is needed). */
export function driverOf(db: DatabaseConfig): typeof PostgreSqlDriver | typeof PgliteDriver {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return db.url ? PostgreSqlDriver : (require('@mikro-orm/pglite') as typeof import('@mikro-orm/pglite')).PgliteDriver;
}

/**
 * MikroORM options for PostgreSQL when a URL is configured, else for the embedded PGlite database, whose driver
 * is loaded only then: an instance on PostgreSQL spares its code's heap and start-up time.
 */
export async function mikroOrmOptions(db: DatabaseConfig, hooks: DatabaseHooks = {}): Promise<Partial<Options>> {
  const common = defineConfig({
    entities: entitySchemas,
    extensions: [Migrator],
    migrations: { migrationsList: migrations, transactional: true, allOrNothing: true, snapshot: false },
    allowGlobalContext: false,
    context: entityManagerInScope,
    forceUtcTimezone: true,
    ignoreUndefinedInQuery: true,
    // The mappings have no relations to keep in step: with propagation, every property of a new or loaded
    // aggregate became an accessor defined on the instance when first set (an order's fourteen at each placing).
    propagationOnPrototype: false,
    // Its lines go into JSON logs: no terminal colour codes in them ("\u001b[90m[migrator] ...").
    colors: false,
    // A DATABASE_URL naming no database is a mistake to stop at, not an empty shop to create and serve (with a
    // first admin of its own, while the real data sits in the database meant); see also migrate().
    ensureDatabase: false,
    debug: false,
  });
  if (db.url) {
    const driverOptions = {
      connectionTimeoutMillis: db.connectTimeoutMs,
      statement_timeout: db.statementTimeoutMs,
      application_name: 'commerce-backend',
    };
    // The guard ends statements left unanswered past the statement timeout: without one (migrations), it has no bound.
    const guardPool = (pool: Pool) => {
      if (db.statementTimeoutMs > 0) guardCheckedOutConnections(pool, db.statementTimeoutMs + 1_000);
    };
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: db.url,
      pool: { min: 0, max: db.poolMax, idleTimeoutMillis: 30_000 },
      driverOptions: {
        ...driverOptions,
        ...everyPartOf(db.url),
        onPoolCreated: (pool: Pool) => {
          guardPool(pool);
          hooks.onPoolCreated?.(pool);
        },
      },
      // Replicas serve only what asks for them (`connectionType: 'read'`: lists and reports), never the reads a
      // decision depends on (sessions, stock, order state), which must see the primary's latest commit.
      replicas: db.replicaUrls.map((clientUrl, index) => ({
        name: `replica-${index + 1}`,
        clientUrl,
        driverOptions: { ...driverOptions, ...everyPartOf(clientUrl), onPoolCreated: guardPool },
      })),
      preferReadReplicas: false,
    };
  }
  const PgliteDriver = driverOf(db);
  if (hooks.pglite) {
    return { ...common, driver: PgliteDriver, dbName: 'memory://', driverOptions: { pglite: hooks.pglite } };
  }
  mkdirSync(db.dataDir, { recursive: true });
  claimDataDir(db.dataDir);
  return { ...common, driver: PgliteDriver, dbName: db.dataDir };
}

/**
 * The whole URL for pg to read: MikroORM takes only its host, port, user, password and database from `clientUrl`, so
 * `?sslmode=require` (a managed database's usual URL), `sslrootcert`, `host=` (a socket directory) and `options` were
 * dropped, and a connection asked to use TLS went in plain text. pg parses them as the migrations' lock client does.
 */
const everyPartOf = (url: string) => ({ connectionString: url });
