import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerRequest } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RefusedClients, TOO_MANY_REQUESTS } from '../../infrastructure/rate-limits/refused-clients';

/**
 * Per-IP limits on the API (X-RateLimit-* headers on every reply), with a stricter one on /auth. Operations
 * endpoints are left alone: probes and scrapes must never be throttled.
 */
@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  /** Per handler (and the class first seen with it): whether either carries @Throttle or @SkipThrottle metadata. */
  private readonly decorated = new WeakMap<object, { classRef: object; decorated: boolean }>();
  private plainLimits?: Array<Omit<ThrottlerRequest, 'context'>> | null;
  @Inject(RefusedClients) private readonly refused!: RefusedClients;

  /**
   * For the routes no throttler decorator touches (all of them today), the library's own steps with the lookups
   * done once: it asked the reflector seven questions and awaited three option values on every request.
   */
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!isApiRequest(context)) return true;
    const limits = (this.plainLimits ??= this.limitsWithoutDecorators());
    if (!limits || this.isDecorated(context)) return super.canActivate(context);
    let allowed = true;
    for (const limit of limits) {
      if (limit.throttler.skipIf?.(context)) continue;
      try {
        allowed = (await this.handleRequest({ context, ...limit })) && allowed;
      } catch (error) {
        if (error === TOO_MANY_REQUESTS && limit.getTracker === this.commonOptions.getTracker) this.rememberRefusal(context, limit.throttler.name!);
        throw error;
      }
    }
    return allowed;
  }

  /** The client's next requests on this route, until its block runs out, are refused before Nest (RefusedClients). */
  private rememberRefusal(context: ExecutionContext, throttler: string): void {
    const http = context.switchToHttp();
    const seconds = Number(http.getResponse<FastifyReply>().getHeader('retry-after'));
    if (seconds > 0) this.refused.remember(http.getRequest<FastifyRequest>(), this.ipv6SubnetPrefix, throttler, seconds);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !isApiRequest(context);
  }

  /** The configured limits as the library resolves them for an undecorated route; null when any is a function. */
  private limitsWithoutDecorators(): Array<Omit<ThrottlerRequest, 'context'>> | null {
    if (this.commonOptions.skipIf || this.throttlers.some((t) => typeof t.limit !== 'number' || typeof t.ttl !== 'number' || typeof t.blockDuration === 'function')) return null;
    return this.throttlers.map((throttler) => ({
      throttler,
      limit: throttler.limit as number,
      ttl: throttler.ttl as number,
      blockDuration: (throttler.blockDuration as number | undefined) ?? (throttler.ttl as number),
      getTracker: throttler.getTracker ?? this.commonOptions.getTracker!,
      generateKey: throttler.generateKey ?? this.commonOptions.generateKey!,
    }));
  }

  private isDecorated(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    const classRef = context.getClass();
    const known = this.decorated.get(handler);
    if (known?.classRef === classRef) return known.decorated;
    // The library's metadata keys all start so (THROTTLER:SKIP, THROTTLER:LIMIT, ... followed by the throttler's name).
    const throttlerKeys = (target: object) => Reflect.getMetadataKeys(target).some((key) => String(key).startsWith('THROTTLER:'));
    const decorated = throttlerKeys(handler) || throttlerKeys(classRef);
    if (!known) this.decorated.set(handler, { classRef, decorated });
    return decorated;
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

const isApiRequest = (context: ExecutionContext) => context.switchToHttp().getRequest<FastifyRequest>().url.startsWith('/api/');
