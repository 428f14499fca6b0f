import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { normalizeIp, ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerOptions } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { replyOf, requestOf } from '../../infrastructure/http/http-arguments';
import { countsHitsNow, type ThrottlerStorageRecord } from '../../infrastructure/rate-limits/hits-counted-now';
import { RefusedClients, TOO_MANY_REQUESTS } from '../../infrastructure/rate-limits/refused-clients';

/** The name of the stricter limit on the auth routes (its headers: X-RateLimit-Limit-Auth, ...). */
export const AUTH_THROTTLER = 'auth';

/** A configured limit as it applies to a route no throttler decorator touches, its header names worked out once. */
interface PlainLimit {
  throttler: ThrottlerOptions;
  name: string;
  limit: number;
  ttl: number;
  blockDuration: number;
  /** The library's header names; `retryAfter` only where it is not the standard one (a named throttler's). */
  headers: { limit: string; remaining: string; reset: string; retryAfter?: string };
}

/**
 * Per-IP limits on the API (X-RateLimit-* headers on every reply), with a stricter one on /auth. Operations
 * endpoints are left alone: probes and scrapes must never be throttled. The library's guard, asked by
 * RateLimitGuard (rate-limit.guard.ts) rather than registered itself: its `canActivate` is async.
 */
@Injectable()
export class ApiThrottler extends ThrottlerGuard {
  /** Per handler (and the class first seen with it): whether either carries @Throttle or @SkipThrottle metadata. */
  private readonly decorated = new WeakMap<object, { classRef: object; decorated: boolean }>();
  private plainLimits?: PlainLimit[] | null;
  @Inject(RefusedClients) private readonly refused!: RefusedClients;

  /**
   * For the routes no throttler decorator touches (all of them today), the library's steps (its default tracker,
   * this key, its headers and refusal) with the lookups done once, and without awaiting a store that answers from
   * memory: the library asked the reflector seven questions and awaited three option values, the tracker and the
   * store on every request. At once (not a promise) while the store answers from memory.
   */
  decide(context: ExecutionContext): boolean | Promise<boolean> {
    if (!isApiRequest(context)) return true;
    const limits = (this.plainLimits ??= this.limitsWithoutDecorators());
    if (!limits || this.isDecorated(context)) return super.canActivate(context);
    return this.count(context, limits, 0);
  }

  /** The request counted against `limits` from `from` on: at once while the store answers from memory, then awaiting it. */
  private count(context: ExecutionContext, limits: readonly PlainLimit[], from: number): true | Promise<true> {
    const request = requestOf<FastifyRequest>(context);
    for (let i = from; i < limits.length; i++) {
      const limit = limits[i];
      if (limit.throttler.skipIf?.(context)) continue;
      const key = this.generateKey(context, normalizeIp(request.ip, this.ipv6SubnetPrefix), limit.name);
      const hit = countsHitsNow(this.storageService) ? this.storageService.incrementNow(key, limit.ttl, limit.limit, limit.blockDuration, limit.name) : undefined;
      if (hit === undefined) {
        return this.storageService
          .increment(key, limit.ttl, limit.limit, limit.blockDuration, limit.name)
          .then((record) => this.settle(context, limit, record))
          .then(() => this.count(context, limits, i + 1));
      }
      this.settle(context, limit, hit);
    }
    return true;
  }

  /**
   * The library's answer to a counted hit: its X-RateLimit-* headers, or, past the limit, its Retry-After header
   * and the refusal, which the client's next requests on this route meet before Nest (RefusedClients).
   */
  private settle(context: ExecutionContext, limit: PlainLimit, record: ThrottlerStorageRecord): void {
    const reply = replyOf<FastifyReply>(context);
    if (record.isBlocked) {
      const seconds = String(record.timeToBlockExpire);
      if (limit.headers.retryAfter) reply.header(limit.headers.retryAfter, seconds);
      reply.header('retry-after', seconds);
      if (record.timeToBlockExpire > 0) this.refused.remember(requestOf<FastifyRequest>(context), this.ipv6SubnetPrefix, limit.name, record.timeToBlockExpire);
      throw TOO_MANY_REQUESTS;
    }
    reply.header(limit.headers.limit, limit.limit).header(limit.headers.remaining, Math.max(0, limit.limit - record.totalHits)).header(limit.headers.reset, record.timeToExpire);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !isApiRequest(context);
  }

  /**
   * The configured limits as the library resolves them for an undecorated route; null (the library decides) when
   * any is a function or any option replaces one of the library's steps (tracker, user agents, headers).
   */
  private limitsWithoutDecorators(): PlainLimit[] | null {
    const common = Array.isArray(this.options) ? {} : this.options;
    const replaced = (options: Partial<ThrottlerOptions>) =>
      options.getTracker !== undefined || options.generateKey !== undefined || options.ignoreUserAgents !== undefined || options.setHeaders !== undefined;
    if (this.commonOptions.skipIf || replaced(common)) return null;
    if (this.throttlers.some((t) => typeof t.limit !== 'number' || typeof t.ttl !== 'number' || typeof t.blockDuration === 'function' || replaced(t))) return null;
    return this.throttlers.map((throttler) => {
      const name = throttler.name ?? 'default';
      const suffix = name === 'default' ? '' : `-${name}`;
      const header = (of: string) => `${this.headerPrefix}-${of}${suffix}`.toLowerCase();
      return {
        throttler,
        name,
        limit: throttler.limit as number,
        ttl: throttler.ttl as number,
        blockDuration: (throttler.blockDuration as number | undefined) ?? (throttler.ttl as number),
        headers: { limit: header('Limit'), remaining: header('Remaining'), reset: header('Reset'), retryAfter: suffix ? `retry-after${suffix}` : undefined },
      };
    });
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
   * counting the hit. Stores take keys of any text; the PostgreSQL one's column holds 300 characters. The auth
   * limit is one budget per client for all the auth routes together: per route, a client could spend it on login,
   * then again on refresh, on each reset and verification route.
   */
  protected override generateKey(context: ExecutionContext, tracker: string, throttlerName: string): string {
    if (throttlerName === AUTH_THROTTLER) return `${AUTH_THROTTLER}-${tracker}`;
    return `${context.getClass().name}-${context.getHandler().name}-${throttlerName}-${tracker}`;
  }

  /** Whichever limit was hit, clients read one standard Retry-After header. */
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    replyOf<FastifyReply>(context).header('retry-after', String(detail.timeToBlockExpire));
    throw TOO_MANY_REQUESTS;
  }
}

/** The route the request matched, never its URL (see FastifyRequest.matchedRoute). */
export const matchedRoute = (context: ExecutionContext): string => requestOf<FastifyRequest>(context).matchedRoute;

const isApiRequest = (context: ExecutionContext) => matchedRoute(context).startsWith('/api/');
