import { PostgreSqlConnection } from '@mikro-orm/postgresql';
import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import type { Pool, QueryConfig, QueryResult } from 'pg';
import { PreparedRead } from './prepared-read';

/**
 * Named prepared statements by SQL text, shared by every instance: `pg` refuses a name that one connection
 * already prepared for another text.
 */
const statements = new Map<string, { name: string; text: string }>();

/**
 * Queries whose rows are mapped by hand (read models, the session check, the rate-limit counter's lease), outside
 * any transaction, with `?` placeholders. On PostgreSQL they go straight to the `pg` pool behind MikroORM's
 * connection, the primary's or, for `'read'`, a replica's, as named prepared statements: each connection has
 * PostgreSQL parse and plan a shape once (some 40% of PostgreSQL's CPU per product read), and MikroORM and kysely
 * would format every parameter into the SQL text, compile and log it (some 7% of the app's). PGlite is one
 * session that every request shares, so there they go through MikroORM, which keeps them out of another request's
 * transaction.
 */
@Injectable()
export class ReadQueries {
  private readonly pools = new WeakMap<PostgreSqlConnection, Pool>();

  constructor(private readonly em: SqlEntityManager) {}

  /**
   * `sql` is one of a fixed set of shapes, every value in `params`: each text becomes a prepared statement on every
   * connection, which neither pg nor PostgreSQL ever drops.
   */
  async rows<T>(sql: string, params: unknown[], from: 'write' | 'read' = 'write'): Promise<T[]> {
    const connection = this.em.getConnection(from);
    if (!(connection instanceof PostgreSqlConnection)) return connection.execute<T[]>(sql, params);
    const pool = this.pools.get(connection) ?? (await this.poolOf(connection));
    // The callback form: without one, pg-pool wraps every query in a promise and a closure of its own. pg-pool
    // hands a query object and the callback on to the connection (@types/pg declares the pair for configs only).
    return new Promise<T[]>((resolve, reject) =>
      pool.query(this.prepared(sql, params) as unknown as QueryConfig, (error: Error | undefined, result: QueryResult) => (error ? reject(error) : resolve(result.rows as T[]))),
    );
  }

  private async poolOf(connection: PostgreSqlConnection): Promise<Pool> {
    const pool = await connection.getNativeClient();
    this.pools.set(connection, pool);
    return pool;
  }

  /** `?` to `$1`, `$2`, ...: the SQL comes from a handful of shapes in code, so each is rewritten and named once. */
  private prepared(sql: string, values: unknown[]): PreparedRead {
    let statement = statements.get(sql);
    if (statement === undefined) {
      let n = 0;
      statement = { name: `read-${statements.size + 1}`, text: sql.replace(/\?/g, () => `$${++n}`) };
      statements.set(sql, statement);
    }
    return new PreparedRead(statement.name, statement.text, values);
  }
}
