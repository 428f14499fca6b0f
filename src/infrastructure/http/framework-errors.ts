import { Logger } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { replyWithProblem } from './problem-reply';
import { API_HEADERS } from './security-headers';

const logger = new Logger('Problem');

/**
 * Fastify's `frameworkErrors`: the router refuses a path that is not validly percent-encoded (400) or a path
 * parameter longer than `maxParamLength` (414) before any hook runs and with the error handler Fastify started
 * with, not Nest's. Answered here as every other error is, a problem document with an API's headers.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply.headers(API_HEADERS).header('x-request-id', request.id);
  replyWithProblem(error, request, reply, logger);
}
