import type { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { requestIdOf } from './request-id';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Fastify with the API's limits: 1 MiB bodies, our request ids, no trust in client-sent proxy headers by default. */
export function createFastifyAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: (request: IncomingMessage) => requestIdOf(request),
    trustProxy: process.env.TRUST_PROXY === 'true',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
}
