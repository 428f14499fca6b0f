import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;
const assigned = new WeakMap<IncomingMessage, string>();

/**
 * The id of a request: the caller's `x-request-id` when it is a sane token (so ids can be traced across
 * services), a fresh random UUID otherwise (node:crypto's, cut from a buffered pool of random bytes; the uuid
 * package's UUIDv7 filled a new random buffer per request). Memoised per request so Fastify and the logger agree on it.
 */
export function requestIdOf(request: IncomingMessage): string {
  let id = assigned.get(request);
  if (!id) {
    const header = request.headers['x-request-id'];
    id = typeof header === 'string' && acceptable.test(header) ? header : randomUUID();
    assigned.set(request, id);
  }
  return id;
}
