import { ServiceUnavailableException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/**
 * A request that arrives on a kept-alive connection while the server closes (a rolling deploy) is refused with a
 * 503 problem and Retry-After, and its connection closed, so the client retries on another instance. Fastify's own
 * `return503OnClosing` (turned off in the adapter) would write a JSON body of its own instead.
 */
export function refuseWhileClosing(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onRequest', (_request, reply, done) => {
    if (!closing) return done();
    reply.header('connection', 'close');
    done(new ServiceUnavailableException());
  });
}
