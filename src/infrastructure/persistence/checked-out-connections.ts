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
 * A lent connection whose statement has waited longer than `graceMs` for its answer is ended. The server cancels
 * a statement at statement_timeout, so no answer by then means the server hung, or the network to it, and pg would
 * wait until TCP gave up, minutes later, the request with it. Ended (pg destroys the socket of a client with a
 * query in flight), the statement fails (a 503), the pool drops the connection and opens a new one, which fails
 * within the connect timeout while the server is still away. A sweep twice a second looks at the statement each
 * lent connection runs: pg's own `query_timeout` arms a timer per query, which cost a product read a tenth more.
 *
 * Closing the pool is bounded. `pool.end()` waits until every checked-out connection is given back; one that
 * never is (a holder that forgot to release it) would hang the shutdown for good, and with it a rolling deploy
 * or a test run. After `graceMs` (longer than any statement may run) the connections still out are reported
 * and released with an error, so the pool ends.
 */
export function guardCheckedOutConnections(pool: Pool, graceMs: number): void {
  const checkedOut = new Set<PoolClient>();
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_error, client) => checkedOut.delete(client));
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

  const unanswered = endUnansweredStatements(checkedOut, graceMs);
  const end = pool.end.bind(pool);
  pool.end = (() => {
    clearInterval(unanswered);
    const deadline = setTimeout(() => {
      logger.error(`${checkedOut.size} connection(s) were still checked out ${graceMs} ms into closing the pool: closed`);
      for (const client of checkedOut) giveBack(client, new Error('Closed by the pool: never given back.'));
    }, graceMs);
    return end().finally(() => clearTimeout(deadline));
  }) as Pool['end'];
}

/** Ends the lent connections whose statement has waited more than `graceMs`; see guardCheckedOutConnections. */
function endUnansweredStatements(checkedOut: Set<PoolClient>, graceMs: number): NodeJS.Timeout {
  const running = new WeakMap<PoolClient, { statement: unknown; since: number }>();
  return setInterval(() => {
    const now = Date.now();
    for (const client of checkedOut) {
      // `_activeQuery`: pg 8 warns on every read of its public name, which pg 9 removes.
      const statement = (client as PoolClient & { _activeQuery?: unknown })._activeQuery;
      const seen = running.get(client);
      if (!statement || seen?.statement !== statement) {
        running.set(client, { statement, since: now });
      } else if (now - seen.since >= graceMs) {
        logger.error(`A statement had no answer from the database in ${graceMs} ms: its connection was ended`);
        running.delete(client);
        void client.end();
      }
    }
  }, 500).unref();
}
