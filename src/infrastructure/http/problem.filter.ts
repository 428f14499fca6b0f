import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReplayStoredResponse } from './idempotency/stored-response';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { mapToProblem } from './problem-mapper';

/** The single exit for every error: domain, validation, Nest, Fastify and unexpected ones. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (error instanceof ReplayStoredResponse) {
      // Not an error: an idempotent retry, answered with the first response exactly as it was sent.
      const { status, contentType, body } = error.response;
      reply.status(status).type(contentType).header('idempotency-replayed', 'true').send(body);
      return;
    }
    const { problem, headers, unexpected } = mapToProblem(error);
    if (unexpected) {
      this.logger.error({ err: error, traceId: request.id }, 'Unexpected error while serving a request');
    }
    if (problem.status === 401) {
      // RFC 6750: say how to authenticate, and whether the token that was sent is the problem.
      headers['www-authenticate'] = request.headers.authorization ? 'Bearer error="invalid_token"' : 'Bearer';
    }
    // Headers set before the error (Retry-After from the throttler) are kept.
    reply
      .status(problem.status)
      .headers(headers)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify({ ...problem, instance: request.url.split('?')[0], traceId: request.id }));
  }
}
