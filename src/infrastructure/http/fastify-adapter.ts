import type { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { answerClientError } from './client-errors';
import { answerFrameworkError } from './framework-errors';
import { BODY_LIMIT_BYTES, MAX_PARAM_LENGTH } from './http-limits';
import { lazySchemaCompilers } from './lazy-schema-compilers';
import { requestIdOf } from './request-id';

/**
 * Fastify with the API's limits: 1 MiB bodies, our request ids, no trust in client-sent proxy headers by default;
 * what the router and Node's HTTP parser refuse is answered as a problem, like every other error.
 */
export function createFastifyAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: (request: IncomingMessage) => requestIdOf(request),
    trustProxy: process.env.TRUST_PROXY === 'true',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    return503OnClosing: false, // refuseWhileClosing answers them as a problem
    schemaController: { compilersFactory: lazySchemaCompilers },
  });
}
