import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id of a request: the caller's `x-request-id` when it is a sane token (so ids can be traced across
 * services), a fresh random UUID otherwise (node:crypto's, cut from a buffered pool of random bytes; the uuid
 * package's UUIDv7 filled a new random buffer per request). Fastify asks once per request (its genReqId) and
 * keeps the answer as `request.id`, which the logger reads from the request's scope.
 */
export function requestIdOf(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  return typeof header === 'string' && acceptable.test(header) ? header : randomUUID();
}
