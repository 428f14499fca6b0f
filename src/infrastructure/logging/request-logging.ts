import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { RefusalLogSampler } from './refusal-log-sampler';

const requestIds = new AsyncLocalStorage<string>();

/** pino's `mixin`: a line logged while a request is served carries the request's id. */
export function requestIdOfLine(): object {
  const id = requestIds.getStore();
  return id === undefined ? {} : { req: { id } };
}

/**
 * On Fastify's own hooks: the request's id for what is logged while it is served, and one line when an API
 * request completes (warn for 4xx, error for 5xx; probes of /health and scrapes of /metrics would drown the
 * log; refusals past a rate limit are sampled per route, see RefusalLogSampler). pino-http did both as Nest
 * middleware (through @fastify/middie), with a child logger that serialized the request, made for every request
 * whether it logged or not: an eighth of the CPU of a product read.
 */
export function logRequests(fastify: FastifyInstance): void {
  const refusals = new RefusalLogSampler();
  fastify.addHook('onRequest', (request, _reply, done) => requestIds.run(request.id, done));
  fastify.addHook('onResponse', (request, reply, done) => {
    if (request.url.startsWith('/api/')) {
      const line: Record<string, unknown> = {
        req: { id: request.id, method: request.method, url: request.url },
        statusCode: reply.statusCode,
        responseTime: Math.round(reply.elapsedTime),
      };
      // Straight to pino, whose methods below the configured level do nothing (Nest's Logger formats first).
      if (reply.statusCode >= 500) PinoLogger.root.error(line, 'request errored');
      else if (reply.statusCode === 429) logRefusal(refusals, `${request.method} ${request.routeOptions.url}`, { ...line, client: request.ip });
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
