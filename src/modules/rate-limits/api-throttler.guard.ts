import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Thrown for every refusal: building one captured a stack trace nobody reads (13-17 of 83-87 µs a refusal). */
const TOO_MANY_REQUESTS = new ThrottlerException();

/**
 * Per-IP limits on the API (X-RateLimit-* headers on every reply), with a stricter one on /auth. Operations
 * endpoints are left alone: probes and scrapes must never be throttled.
 */
@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !context.switchToHttp().getRequest<FastifyRequest>().url.startsWith('/api/');
  }

  /**
   * The library's key (per route, throttler and client) without its SHA-256 over it: hashing cost more CPU than
   * counting the hit. Stores take keys of any text; the PostgreSQL one's column holds 300 characters.
   */
  protected override generateKey(context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${context.getClass().name}-${context.getHandler().name}-${throttlerName}-${tracker}`;
  }

  /** Whichever limit was hit, clients read one standard Retry-After header. */
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(detail.timeToBlockExpire));
    throw TOO_MANY_REQUESTS;
  }
}
