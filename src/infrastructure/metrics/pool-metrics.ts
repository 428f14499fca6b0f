import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { Gauge, Registry } from 'prom-client';

const figures: ReadonlyArray<[name: string, help: string, read: (pool: Pool) => number]> = [
  ['db_pool_connections_total', 'Connections open in the database pool', (pool) => pool.totalCount],
  ['db_pool_connections_idle', 'Idle connections in the database pool', (pool) => pool.idleCount],
  ['db_pool_requests_waiting', 'Queries waiting for a pooled connection', (pool) => pool.waitingCount],
];

/** Exports the PostgreSQL pool's connection figures, read at scrape time. */
@Injectable()
export class PoolMetrics {
  private pool?: Pool;

  constructor(registry: Registry) {
    const current = () => this.pool;
    for (const [name, help, read] of figures) {
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          const pool = current();
          if (pool) this.set(read(pool));
        },
      });
    }
  }

  observe(pool: Pool): void {
    this.pool = pool;
  }
}
