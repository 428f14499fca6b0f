import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ServiceUnavailableException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type { Draining } from './draining';

/**
 * Once the process drains (see Draining), every reply closes its connection. Once the server closes, a request
 * that still arrives on a kept-alive connection is refused with a 503 problem and Retry-After, and its connection
 * closed, so the client retries on another instance (Fastify's own `return503OnClosing`, turned off in the adapter,
 * would write a JSON body of its own), connections that fall idle are closed as they do, so none holds the server
 * open until its keep-alive timeout, and one whose request does not arrive is cut (cutStalledRequests).
 */
export function refuseWhileClosing(fastify: FastifyInstance, draining: Draining, requestTimeoutMs: number): void {
  let closing = false;
  const sockets = new Set<Socket>();
  fastify.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  fastify.addHook('preClose', (done) => {
    closing = true;
    setInterval(() => fastify.server.closeIdleConnections(), 100).unref();
    cutStalledRequests(sockets, requestTimeoutMs);
    done();
  });
  fastify.addHook('onRequest', (_request, reply, done) => {
    if (!closing && !draining.active) return done();
    reply.header('connection', 'close');
    done(closing ? new ServiceUnavailableException() : undefined);
  });
}

/**
 * Node stops enforcing the request timeout once its server closes (`server.close()` ends the checks), so a client
 * that had sent half a request, or part of its headers, held the shutdown open for as long as it kept the
 * connection. While closing, a connection seen for `requestTimeoutMs` without a whole request being answered on it
 * is cut; one whose request has arrived is left to its reply.
 */
function cutStalledRequests(sockets: ReadonlySet<Socket>, requestTimeoutMs: number): void {
  const stalledSince = new WeakMap<Socket, number>();
  setInterval(
    () => {
      const now = Date.now();
      for (const socket of sockets) {
        if (isAnswering(socket)) {
          stalledSince.delete(socket);
          continue;
        }
        const since = stalledSince.get(socket) ?? now;
        stalledSince.set(socket, since);
        if (now - since >= requestTimeoutMs) socket.destroy();
      }
    },
    Math.min(1000, requestTimeoutMs),
  ).unref();
}

/** A whole request has arrived on the connection and is being answered (`_httpMessage`: the reply Node assigned the socket). */
const isAnswering = (socket: Socket): boolean => (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage?.req.complete === true;
