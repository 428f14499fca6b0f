import type { Pool, PoolClient } from 'pg';

/**
 * Gives back to the pool a connection that the server closed while it was checked out.
 *
 * Kysely (under MikroORM) releases a transaction's connection only once COMMIT or ROLLBACK succeeded. When the
 * database dies mid-transaction both fail, and without this the connection stayed checked out for good: one
 * pool slot lost per outage (the pool ends up exhausted, every request a 503) and `pool.end()` never
 * returning, so a graceful shutdown hung. Releasing with an error makes the pool discard the client; the
 * release is made idempotent, so the holder's own release later (on paths that do release) changes nothing.
 */
export function releaseDeadConnections(pool: Pool): void {
  pool.on('acquire', (client: PoolClient) => {
    // pg-pool assigns `client.release` just after emitting 'acquire', before it hands the client over.
    queueMicrotask(() => {
      const release = client.release.bind(client);
      let released = false;
      const releaseOnce = (error?: Error | boolean) => {
        if (released) return;
        released = true;
        client.removeListener('end', onEnd);
        release(error);
      };
      const onEnd = () => releaseOnce(new Error('The database closed this connection while it was checked out.'));
      client.once('end', onEnd);
      client.release = releaseOnce;
    });
  });
}
