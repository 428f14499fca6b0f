import type { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { TrustedProxies } from '../config/trusted-proxies';
import { answerClientError } from './client-errors';
import { answerFrameworkError } from './framework-errors';
import { BODY_LIMIT_BYTES, MAX_PARAM_LENGTH } from './http-limits';
import { lazySchemaCompilers } from './lazy-schema-compilers';
import { requestIdOf } from './request-id';

/**
 * Fastify with the API's limits: 1 MiB bodies, a whole request within `requestTimeoutMs` (Fastify turns Node's
 * limit off: a body sent a byte at a time held its connection open for good, and kept a shutdown from ending), our
 * request ids, trust in X-Forwarded-For only from the proxies configured (none by default); what the router and
 * Node's HTTP parser refuse is answered as a problem, like every other error.
 */
export function createFastifyAdapter(trustedProxies: TrustedProxies = false, requestTimeoutMs = 30_000): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: requestTimeoutMs,
    // Node takes the limit when it creates the server (Fastify sets it only after), and looks for requests past
    // their time every connectionsCheckingInterval (30 s unless told): a late one is cut at most that much later.
    http: { requestTimeout: requestTimeoutMs, connectionsCheckingInterval: Math.min(1000, requestTimeoutMs) },
    genReqId: (request: IncomingMessage) => requestIdOf(request),
    trustProxy: trustedProxies === false ? false : [...trustedProxies],
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    return503OnClosing: false, // refuseWhileClosing answers them as a problem
    schemaController: { compilersFactory: lazySchemaCompilers },
  });
}
