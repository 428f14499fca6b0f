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
]);

/**
 * True when an error means the database cannot be reached right now, so the client should retry later.
 * Duck-typed, not `instanceof Error`: the driver's socket errors are made by Node's own realm, which under a
 * test runner's sandbox is not the application's.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++) {
    if (current instanceof ConnectionException) return true;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (unavailableCodes.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && /timeout exceeded when trying to connect|Connection terminated|connection is closed|connection error and is not queryable/i.test(message)) {
      return true;
    }
    current = cause;
  }
  return false;
}
