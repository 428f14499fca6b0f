import { MikroORM } from '@mikro-orm/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config';
import { logRequests } from '../logging/request-logging';
import { HttpMetrics } from '../metrics/http-metrics';
import { RefusedClients } from '../rate-limits/refused-clients';
import { RequestScope, runInRequestScope } from '../request-scope';
import { Draining } from './draining';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { declareMatchedRoute, noteMatchedRoute } from './matched-route';
import { recordIdempotentResponses } from './idempotency/record-idempotent-response';
import { ProblemFilter } from './problem.filter';
import { refuseWhileClosing } from './refuse-while-closing';
import { screenRequestInput } from './screen-request-input';
import { securityHeadersFor } from './security-headers';
import { resolveConstraintsFrom } from './validation-container';

export const API_PREFIX = 'api/v1';

/**
 * Everything HTTP-wide: prefix, the constraints validation takes from the app, problem details, security headers,
 * CORS, request ids and logs, metrics, and each request's EntityManager scope. Bodies and queries are validated
 * where controllers declare them (modules/shared/validated-input.ts).
 */
export async function configureHttp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();

  // JSON is the only body format; anything else is answered 415 by Fastify instead of reaching a handler.
  fastify.removeContentTypeParser('text/plain');
  screenRequestInput(fastify);

  const orm = app.get(MikroORM);
  // One hook for what every request needs first: the route it matched, the headers every reply carries, and the
  // scope the rest of the request runs in (its id for log lines, its EntityManager).
  declareMatchedRoute(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    noteMatchedRoute(request);
    reply.headers(securityHeadersFor(request.url)).header('x-request-id', request.id);
    runInRequestScope(new RequestScope(request.id, orm.em), done);
  });
  refuseWhileClosing(fastify, app.get(Draining), config.requestTimeoutMs);
  // Without configured origins no CORS hook at all: the plugin with `origin: false` added no header either, but
  // ran on every request.
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      // @fastify/cors allows GET, HEAD and POST unless told: a page could not PATCH or DELETE.
      methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
      exposedHeaders: ['x-request-id', 'retry-after', 'www-authenticate', 'idempotency-replayed', 'etag'],
      maxAge: 600,
    });
  }
  app.get(RefusedClients).refuseEarly(fastify);

  logRequests(fastify);

  const metrics = app.get(HttpMetrics);
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.record(request.method, request.matchedRoute || 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  recordIdempotentResponses(fastify, () => app.get(IdempotencyStore));

  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.useGlobalFilters(new ProblemFilter());
  resolveConstraintsFrom(app);
}
