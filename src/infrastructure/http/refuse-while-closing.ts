import { ServiceUnavailableException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type { Draining } from './draining';

/**
 * Once the process drains (see Draining), every reply closes its connection. Once the server closes, a request
 * that still arrives on a kept-alive connection is refused with a 503 problem and Retry-After, and its connection
 * closed, so the client retries on another instance (Fastify's own `return503OnClosing`, turned off in the adapter,
 * would write a JSON body of its own), and connections that fall idle are closed as they do, so none holds the
 * server open until its keep-alive timeout.
 */
export function refuseWhileClosing(fastify: FastifyInstance, draining: Draining): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    setInterval(() => fastify.server.closeIdleConnections(), 100).unref();
    done();
  });
  fastify.addHook('onRequest', (_request, reply, done) => {
    if (!closing && !draining.active) return done();
    reply.header('connection', 'close');
    done(closing ? new ServiceUnavailableException() : undefined);
  });
}
