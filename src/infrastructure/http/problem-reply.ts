import type { LoggerService } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/shared/domain-error';
import { PROBLEM_CONTENT_TYPE, problemInstance } from './problem';
import { mapToProblem } from './problem-mapper';

/** The code of the error the authentication guard throws for a bearer token it refuses (identity's SessionEnded). */
const TOKEN_REFUSED = 'invalid-token';

/** Answers a request with the problem `error` maps to: the one way out for errors of Nest, Fastify and the router. */
export function replyWithProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: LoggerService): void {
  const { problem, headers, unexpected } = mapToProblem(error);
  if (unexpected) {
    logger.error({ err: error, traceId: request.id }, 'Unexpected error while serving a request');
  }
  if (problem.status === 401) {
    // RFC 6750: say how to authenticate, and whether a bearer token was refused. Not merely sent: a route open to
    // anyone reads none, and a wrong password or refresh token there is not the token's fault.
    headers['www-authenticate'] = error instanceof DomainError && error.code === TOKEN_REFUSED ? 'Bearer error="invalid_token"' : 'Bearer';
  }
  // Headers set before the error (Retry-After from the throttler) are kept.
  reply
    .status(problem.status)
    .headers(headers)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ ...problem, instance: problemInstance(request.url), traceId: request.id }));
}
