import { ValidationPipe } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config';
import { HttpMetrics } from '../metrics/http-metrics';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { recordIdempotentResponses } from './idempotency/record-idempotent-response';
import { ProblemFilter } from './problem.filter';
import { refuseNulCharacters } from './refuse-nul-characters';
import { RequestValidationError } from './request-validation.error';

export const API_PREFIX = 'api/v1';

/** Everything HTTP-wide: prefix, validation, problem details, security headers, CORS, request ids, metrics. */
export async function configureHttp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();

  // JSON is the only body format; anything else is answered 415 by Fastify instead of reaching a handler.
  fastify.removeContentTypeParser('text/plain');
  refuseNulCharacters(fastify);

  // Built once: @fastify/helmet rebuilt the middleware (parsing the CSP directives) on every request.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // Swagger UI sets inline styles
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  fastify.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, () => done()));
  app.enableCors({
    origin: config.corsOrigins.length > 0 ? [...config.corsOrigins] : false,
    exposedHeaders: ['x-request-id', 'retry-after', 'www-authenticate', 'idempotency-replayed'],
    maxAge: 600,
  });

  const metrics = app.get(HttpMetrics);
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.record(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });

  recordIdempotentResponses(fastify, () => app.get(IdempotencyStore));

  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (failures) => RequestValidationError.fromClassValidator(failures),
    }),
  );
}
