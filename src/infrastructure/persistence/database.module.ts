import { EntityManager } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { SqlEntityManager } from '@mikro-orm/sql';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { UnitOfWork } from '../../application/shared/unit-of-work';
import type { DatabaseConfig } from '../config/app-config';
import { PoolMetrics } from '../metrics/pool-metrics';
import { type DatabaseHooks, driverOf, mikroOrmOptions } from './mikro-orm-options';
import { MikroOrmUnitOfWork } from './mikro-orm-unit-of-work';
import { ReadQueries } from './read-queries';

/** The ORM and the unit-of-work port; each request's EntityManager is made on first use (runInRequestScope). */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(db: DatabaseConfig, hooks: Omit<DatabaseHooks, 'onPoolCreated'> = {}): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        MikroOrmModule.forRootAsync({
          // Named, so that the module registers its driver's classes from it: without it, it called the factory a
          // second time, without what it injects (and on PGlite claimed the data directory twice).
          driver: driverOf(db),
          inject: [PoolMetrics],
          useFactory: async (poolMetrics: PoolMetrics) => ({
            ...(await mikroOrmOptions(db, { ...hooks, onPoolCreated: (pool) => poolMetrics.observe(pool) })),
            registerRequestContext: false, // see runInRequestScope
          }),
        }),
      ],
      providers: [
        // Both drivers' managers are SQL managers; repositories ask for the SQL API by its own class.
        { provide: SqlEntityManager, useFactory: (em: EntityManager) => em, inject: [EntityManager] },
        { provide: UnitOfWork, useClass: MikroOrmUnitOfWork },
        ReadQueries,
      ],
      exports: [SqlEntityManager, UnitOfWork, ReadQueries],
    };
  }
}
