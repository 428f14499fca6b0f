import { ConnectionException } from '@mikro-orm/core';

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '57014', // query_canceled: DB_STATEMENT_TIMEOUT_MS ran out (a lock held long, an overloaded server)
  '3D000', // invalid_catalog_name: the database named is gone (dropped, or a replica's URL names none)
]);

/**
 * True when an error means the database cannot be reached right now, so the client should retry later: the codes
 * above, and the classes 08 (connection exception) and 28 (invalid authorization: a password changed under a
 * running instance), where nothing the client sent was wrong.
 * Duck-typed, not `instanceof Error`: the driver's socket errors are made by Node's own realm, which under a
 * test runner's sandbox is not the application's.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++) {
    if (current instanceof ConnectionException) return true;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (unavailableCodes.has(code) || code.startsWith('08') || code.startsWith('28'))) return true;
    if (typeof message === 'string' && /timeout exceeded when trying to connect|Connection terminated|connection is closed|connection error and is not queryable/i.test(message)) {
      return true;
    }
    current = cause;
  }
  return false;
}
