import { Pool, type PoolClient, type PoolConfig, type QueryConfig, type QueryResult, types } from 'pg';
import { PreparedRead } from '../support/built';
import { ThrowawayPostgres } from '../support/throwaway-postgres';

/**
 * The app's reads decode their rows themselves (infrastructure/persistence/prepared-read.ts) and step into pg's
 * Query and Result to do it: they must read what pg reads, on PostgreSQL, whatever the embedded run's database.
 */
describe('A prepared read', () => {
  let postgres: ThrowawayPostgres;
  const pools: Pool[] = [];
  const pool = (config: PoolConfig = {}) => {
    const made = new Pool({ connectionString: postgres.url, max: 1, ...config });
    pools.push(made);
    return made;
  };
  const read = (on: Pool | PoolClient, name: string, text: string, values: unknown[] = []) =>
    new Promise<QueryResult>((resolve, reject) =>
      on.query(new PreparedRead(name, text, values) as unknown as QueryConfig, (error: Error | undefined, result: QueryResult) => (error ? reject(error) : resolve(result))),
    );

  beforeAll(async () => {
    postgres = await ThrowawayPostgres.create();
    await pool().query(`
      create table things (
        id uuid primary key, name text not null, note text, count int4, big int8, price numeric(12, 2), active boolean,
        at timestamptz, day date, data jsonb, tags text[], raw bytea, "Mixed Case" text
      );
      insert into things values
        ('01a24bea-f819-708f-bf2d-f3ba8f6452c3', 'first', null, 1, 9007199254740993, 12.50, true, '2026-12-06 10:00:00+00',
         '2026-12-06', '{"a": [1, 2]}', '{x,"y z"}', '\\x00ff', 'M'),
        ('01a24bea-f819-708f-bf2d-f3ba8f6452c4', 'second', 'n', null, null, null, null, null, null, null, null, null, null),
        ('01a24bea-f819-708f-bf2d-f3ba8f6452c5', 'ünïcödé ✓', '', -5, -1, 0, false, '1970-01-01 00:00:00+00',
         '0001-01-01', 'null', '{}', '\\x', '');
    `);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(pools.map((made) => made.end()));
    await postgres.destroy();
  });

  it("gives the rows and fields pg's own query gives, row after row and query after query", async () => {
    const on = pool();
    const text = 'select * from things where name <> $1 order by id';
    const expected = await on.query(text, ['none']);
    for (let i = 0; i < 3; i++) {
      const result = await read(on, 'things-all', text, ['none']);
      expect(result.rows).toEqual(expected.rows);
      expect(result.fields).toEqual(expected.fields);
      expect(result.rowCount).toBe(3);
    }
    expect((await read(on, 'things-all', text, ['first'])).rows).toEqual(expected.rows.filter((row) => row.name !== 'first'));
    expect((await read(on, 'things-none', 'select id, name from things where false')).rows).toEqual([]);
  });

  it('decodes with the columns its statement describes now, after their type changed', async () => {
    const before = pool();
    expect((await read(before, 'things-count', 'select count from things where name = $1', ['first'])).rows).toEqual([{ count: 1 }]);
    await pool().query('alter table things alter column count type text');
    // A new connection prepares the statement again; the first one could not run it (its plan's result type changed).
    const after = pool();
    expect((await read(after, 'things-count', 'select count from things where name = $1', ['first'])).rows).toEqual([{ count: '1' }]);
    await expect(read(before, 'things-count', 'select count from things where name = $1', ['first'])).rejects.toThrow(/cached plan must not change result type/);
    await pool().query('alter table things alter column count type int4 using count::int4');
  });

  // On one connection held throughout (the pool would drop a connection whose query failed).
  it("fails with a parser's error and leaves the connection usable, as pg does", async () => {
    const refused = new Error('not an int8');
    const client = await pool({ types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? () => { throw refused; } : types.getTypeParser(oid, format))) as typeof types.getTypeParser } }).connect();
    try {
      await expect(read(client, 'things-big', 'select big from things where name = $1', ['first'])).rejects.toBe(refused);
      expect((await read(client, 'things-name', 'select name from things where name = $1', ['second'])).rows).toEqual([{ name: 'second' }]);
    } finally {
      client.release();
    }
  });

  it('answers an error of the server as pg does, and the connection stays usable', async () => {
    const client = await pool().connect();
    try {
      await expect(read(client, 'things-zero', 'select 1 / 0 as x')).rejects.toThrow(/division by zero/);
      expect((await read(client, 'things-name', 'select name from things where name = $1', ['second'])).rows).toEqual([{ name: 'second' }]);
    } finally {
      client.release();
    }
  });
});
