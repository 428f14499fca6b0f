import { Logger } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';

const logger = new Logger('DatabasePool');

/**
 * Bounds how long closing the pool can take.
 *
 * `pool.end()` waits until every checked-out connection is given back. One that never is (a holder that
 * forgot to release it) would hang the shutdown for good, and with it a rolling deploy or a test run. After
 * `graceMs` (longer than any statement may run) the connections still out are reported and released with an
 * error, which makes the pool close them, so the pool ends. (A late release by the holder is then a no-op: see
 * releaseDeadConnections.)
 */
export function boundPoolEnd(pool: Pool, graceMs: number): void {
  const checkedOut = new Set<PoolClient>();
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_error, client) => checkedOut.delete(client));
  pool.on('remove', (client) => checkedOut.delete(client));

  const end = pool.end.bind(pool);
  pool.end = (() => {
    const deadline = setTimeout(() => {
      logger.error(`${checkedOut.size} connection(s) were still checked out ${graceMs} ms into closing the pool: closed`);
      for (const client of checkedOut) client.release(new Error('Closed by the pool: never given back.'));
    }, graceMs);
    return end().finally(() => clearTimeout(deadline));
  }) as Pool['end'];
}
