import type { FastifyInstance, FastifyReply, onSendHookHandler } from 'fastify';
import { Logger } from '@nestjs/common';
import type { IdempotencyStore } from './idempotency.store';
import type { RequestWithClaim } from './idempotency.interceptor';

const logger = new Logger('Idempotency');

/**
 * Stores the response a claimed idempotent request ends with, exactly as sent, success or client error, and a 504:
 * the processor did not answer, so the charge or refund may have happened, and a retry must not send it again. Any
 * other server error releases the key instead, so the client's retry runs again rather than replaying a failure.
 */
export function recordIdempotentResponses(fastify: FastifyInstance, store: () => IdempotencyStore): void {
  // A callback hook: the requests that claim no key (a replay, a refusal) pass without a promise of their own.
  const onSend: onSendHookHandler = (request: RequestWithClaim, reply, payload, done) => {
    const claim = request.idempotencyClaim;
    if (!claim) return done(null, payload);
    void record(store(), claim, reply, payload).then(() => done(null, payload));
  };
  // On the @Idempotent() routes alone: as a global hook it ran for every reply of the API.
  fastify.addHook('onRoute', (route) => {
    if ((route.config as Record<string, unknown> | undefined)?.[IDEMPOTENT_ROUTE]) route.onSend = [...[route.onSend ?? []].flat(), onSend];
  });
}

/** The route config an @Idempotent() route carries. */
export const IDEMPOTENT_ROUTE = 'idempotent';

async function record(store: IdempotencyStore, claim: NonNullable<RequestWithClaim['idempotencyClaim']>, reply: FastifyReply, payload: unknown): Promise<void> {
  try {
    if (reply.statusCode >= 500 && reply.statusCode !== 504) {
      await store.release(claim.scope, claim.key);
    } else {
      const contentType = String(reply.getHeader('content-type') ?? 'application/json');
      await store.complete(claim.scope, claim.key, { status: reply.statusCode, contentType, body: String(payload ?? '') });
    }
  } catch (error) {
    // The response itself is still right; at worst a retry is answered 409 until the claim is abandoned.
    logger.warn({ err: error }, 'Could not record an idempotent response');
  }
}
