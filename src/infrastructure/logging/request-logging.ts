import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { currentRequestScope } from '../request-scope';
import { LogSampler } from './log-sampler';

/** pino's `mixin`: a line logged while a request is served (in its RequestScope) carries the request's id. */
export function requestIdOfLine(): object {
  const scope = currentRequestScope();
  return scope === undefined ? {} : { req: { id: scope.requestId } };
}

/**
 * On Fastify's own hook: one line when an API request completes (warn for 4xx, error for 5xx; probes of /health
 * and scrapes of /metrics would drown the log). Refusals past a rate limit, 503s while a dependency is away (an
 * outage answered tens of thousands of them a minute, each a line) and requests that matched no route are sampled
 * (LogSampler). The request's id is in its RequestScope, opened by configureHttp. pino-http did this as
 * Nest middleware (through @fastify/middie), with a child logger that serialized the request, made for every
 * request whether it logged or not: an eighth of the CPU of a product read.
 */
export function logRequests(fastify: FastifyInstance): void {
  const sampler = new LogSampler();
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.matchedRoute;
    if (route === '') {
      // A path no route matched (a scan, a client's mistake): sampled, since no rate limit stands before it.
      logSampled(sampler, `${request.method} (no route)`, accessLine(request, reply), 'request matched no route', 'unmatchedUnlogged');
    } else if (route.startsWith('/api/')) {
      const line = accessLine(request, reply);
      // Straight to pino, whose methods below the configured level do nothing (Nest's Logger formats first).
      if (reply.statusCode === 503) logSampled(sampler, `${request.method} ${route} 503`, line, 'request refused: service unavailable', 'unavailableUnlogged', 'error');
      else if (reply.statusCode >= 500) PinoLogger.root.error(line, 'request errored');
      else if (reply.statusCode === 429) logSampled(sampler, `${request.method} ${route}`, { ...line, client: request.ip }, 'request refused: rate limit', 'refusedUnlogged');
      else if (reply.statusCode >= 400) PinoLogger.root.warn(line, 'request completed');
      else PinoLogger.root.info(line, 'request completed');
    }
    done();
  });
}

function accessLine(request: FastifyRequest, reply: FastifyReply): Record<string, unknown> {
  return { req: { id: request.id, method: request.method, url: request.url }, statusCode: reply.statusCode, responseTime: Math.round(reply.elapsedTime) };
}

function logSampled(sampler: LogSampler, key: string, line: Record<string, unknown>, message: string, unloggedField: string, level: 'warn' | 'error' = 'warn'): void {
  const { log, unlogged } = sampler.sample(key, Date.now());
  if (log) PinoLogger.root[level]({ ...line, [unloggedField]: unlogged }, message);
}
