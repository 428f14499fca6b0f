import type { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { currentRequestScope } from '../request-scope';
import { RefusalLogSampler } from './refusal-log-sampler';

/** pino's `mixin`: a line logged while a request is served (in its RequestScope) carries the request's id. */
export function requestIdOfLine(): object {
  const scope = currentRequestScope();
  return scope === undefined ? {} : { req: { id: scope.requestId } };
}

/**
 * On Fastify's own hook: one line when an API request completes, or one that matched no route (warn for 4xx,
 * error for 5xx; probes of /health and scrapes of /metrics would drown the log; refusals past a rate limit are
 * sampled per route, see RefusalLogSampler); the request's id is in its RequestScope, opened by configureHttp. pino-http did both as Nest
 * middleware (through @fastify/middie), with a child logger that serialized the request, made for every request
 * whether it logged or not: an eighth of the CPU of a product read.
 */
export function logRequests(fastify: FastifyInstance): void {
  const refusals = new RefusalLogSampler();
  fastify.addHook('onResponse', (request, reply, done) => {
    // A path no route matched is logged too (a scan, a client's mistake).
    const route = request.matchedRoute;
    if (route === '' || route.startsWith('/api/')) {
      const line: Record<string, unknown> = {
        req: { id: request.id, method: request.method, url: request.url },
        statusCode: reply.statusCode,
        responseTime: Math.round(reply.elapsedTime),
      };
      // Straight to pino, whose methods below the configured level do nothing (Nest's Logger formats first).
      if (reply.statusCode >= 500) PinoLogger.root.error(line, 'request errored');
      else if (reply.statusCode === 429) logRefusal(refusals, `${request.method} ${route}`, { ...line, client: request.ip });
      else if (reply.statusCode >= 400) PinoLogger.root.warn(line, 'request completed');
      else PinoLogger.root.info(line, 'request completed');
    }
    done();
  });
}

function logRefusal(refusals: RefusalLogSampler, route: string, line: Record<string, unknown>): void {
  const { log, unlogged } = refusals.sample(route, Date.now());
  if (log) PinoLogger.root.warn({ ...line, refusedUnlogged: unlogged }, 'request refused: rate limit');
}
