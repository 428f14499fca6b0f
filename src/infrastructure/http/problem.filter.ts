import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReplayStoredResponse } from './idempotency/stored-response';
import { replyWithProblem } from './problem-reply';

/** The single exit for every error that reaches Nest: domain, validation, Nest, Fastify and unexpected ones. */
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
    replyWithProblem(error, request, reply, this.logger);
  }
}
