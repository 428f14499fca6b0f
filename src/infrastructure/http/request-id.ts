import type { IncomingMessage } from 'node:http';
import { v7 as uuidv7 } from 'uuid';

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;
const assigned = new WeakMap<IncomingMessage, string>();

/**
 * The id of a request: the caller's `x-request-id` when it is a sane token (so ids can be traced across
 * services), a fresh UUIDv7 otherwise. Memoised per request so Fastify and the logger agree on it.
 */
export function requestIdOf(request: IncomingMessage): string {
  let id = assigned.get(request);
  if (!id) {
    const header = request.headers['x-request-id'];
    id = typeof header === 'string' && acceptable.test(header) ? header : uuidv7();
    assigned.set(request, id);
  }
  return id;
}
