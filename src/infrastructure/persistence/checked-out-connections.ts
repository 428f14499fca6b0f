import { Logger } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';

const logger = new Logger('DatabasePool');

/**
 * Three guards over the connections a pool has lent out, kept by one 'acquire' and one 'release' listener (they
 * run for every query: wrapping each lent connection's `release` cost a product read some 2 µs).
 *
 * A connection the server closes while it is checked out is given back. Kysely (under MikroORM) releases a
 * transaction's connection only once COMMIT or ROLLBACK succeeded; when the database dies mid-transaction both
 * fail, and the connection stayed checked out for good: one pool slot lost per outage (the pool ends up
 * exhausted, every request a 503) and `pool.end()` never returning. Releasing it with an error makes the pool
 * discard it; the holder's own release later is then a no-op.
 *
 * A connection given back while its query still waits for an answer is ended. pg answers a query that outlived
 * `query_timeout` (the server hung, or the network to it) with an error but keeps waiting on the connection; back
 * in the pool it would hold every later query behind the lost one. Ended (pg destroys the socket of a client with
 * a query in flight), the pool drops it and opens a new one, which fails within the connect timeout if the
 * server is still away.
 *
 * Closing the pool is bounded. `pool.end()` waits until every checked-out connection is given back; one that
 * never is (a holder that forgot to release it) would hang the shutdown for good, and with it a rolling deploy
 * or a test run. After `graceMs` (longer than any statement may run) the connections still out are reported
 * and released with an error, so the pool ends.
 */
export function guardCheckedOutConnections(pool: Pool, graceMs: number): void {
  const checkedOut = new Set<PoolClient>();
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_error, client) => {
    checkedOut.delete(client);
    // `_activeQuery`: pg 8 warns on every read of its public name, which pg 9 removes.
    if ((client as PoolClient & { _activeQuery?: unknown })._activeQuery) void client.end();
  });
  pool.on('remove', (client) => checkedOut.delete(client));
  const giveBack = (client: PoolClient, error: Error) => {
    if (!checkedOut.has(client)) return;
    const release = client.release;
    client.release = () => undefined;
    release(error);
  };
  // Once per connection: 'connect' comes when the pool opens one.
  pool.on('connect', (client) => {
    client.on('end', () => giveBack(client as PoolClient, new Error('The database closed this connection while it was checked out.')));
  });

  const end = pool.end.bind(pool);
  pool.end = (() => {
    const deadline = setTimeout(() => {
      logger.error(`${checkedOut.size} connection(s) were still checked out ${graceMs} ms into closing the pool: closed`);
      for (const client of checkedOut) giveBack(client, new Error('Closed by the pool: never given back.'));
    }, graceMs);
    return end().finally(() => clearTimeout(deadline));
  }) as Pool['end'];
}
