import type { FastifyInstance, FastifyReply } from 'fastify';
import { Logger } from '@nestjs/common';
import type { IdempotencyStore } from './idempotency.store';
import type { RequestWithClaim } from './idempotency.interceptor';

const logger = new Logger('Idempotency');

/**
 * Stores the response a claimed idempotent request ends with, exactly as sent, success or client error.
 * A server error releases the key instead, so the client's retry runs again rather than replaying a failure.
 */
export function recordIdempotentResponses(fastify: FastifyInstance, store: () => IdempotencyStore): void {
  fastify.addHook('onSend', async (request: RequestWithClaim, reply: FastifyReply, payload: unknown) => {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    try {
      if (reply.statusCode >= 500) {
        await store().release(claim.scope, claim.key);
      } else {
        const contentType = String(reply.getHeader('content-type') ?? 'application/json');
        await store().complete(claim.scope, claim.key, { status: reply.statusCode, contentType, body: String(payload ?? '') });
      }
    } catch (error) {
      // The response itself is still right; at worst a retry is answered 409 until the claim is abandoned.
      logger.warn({ err: error }, 'Could not record an idempotent response');
    }
    return payload;
  });
}
