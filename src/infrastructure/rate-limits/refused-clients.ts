import { Injectable, Logger } from '@nestjs/common';
import { normalizeIp, ThrottlerException } from '@nestjs/throttler';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { replyWithProblem } from '../http/problem-reply';
import { ExpiringEntries } from './expiring-entries';

/** Thrown for every refusal: building one captured a stack trace nobody reads (13-17 of 83-87 µs a refusal). */
export const TOO_MANY_REQUESTS = new ThrottlerException();

interface Refusal {
  until: number;
  throttler: string;
}

/**
 * Clients the rate limiter has refused, by route, until their block runs out, so that their next requests are
 * refused on one of Fastify's first hooks, before Nest's routing, guards and exception filter: a refusal cost
 * about half a served product read there, and a flood must be the cheapest thing to answer. The guard remembers
 * a refusal only for the routes it decides itself (no throttler decorator), with the block the store reported.
 */
@Injectable()
export class RefusedClients {
  private readonly refusals = new ExpiringEntries<Refusal>();
  /** How the guard tells clients apart: by IP, IPv6 ones by their subnet of this many bits (the library's). */
  private ipv6SubnetPrefix?: number;

  /** A refusal by the guard, for `seconds`, of the client of `request` (told apart as the library's default tracker does). */
  remember(request: FastifyRequest, ipv6SubnetPrefix: number, throttler: string, seconds: number): void {
    const now = Date.now();
    this.ipv6SubnetPrefix = ipv6SubnetPrefix;
    this.refusals.set(this.keyOf(request), { until: now + seconds * 1000, throttler }, now);
  }

  /**
   * Answers with the guard's 429 a client still refused on the request's route: on preParsing, the first hook after
   * every onRequest hook (the CORS plugin's among them, so a browser reads this refusal as it reads the guard's),
   * before the body is read.
   */
  refuseEarly(fastify: FastifyInstance): void {
    const logger = new Logger('Problem');
    fastify.addHook('preParsing', (request, reply, payload, done) => {
      if (this.refusals.size === 0) return done(null, payload);
      const now = Date.now();
      const refusal = this.refusals.current(this.keyOf(request), now);
      if (!refusal) return done(null, payload);
      // The headers the guard sets: Retry-After (per throttler, as @nestjs/throttler names it) and the standard one.
      const seconds = String(Math.ceil((refusal.until - now) / 1000));
      if (refusal.throttler !== 'default') reply.header(`retry-after-${refusal.throttler}`, seconds);
      reply.header('retry-after', seconds);
      replyWithProblem(TOO_MANY_REQUESTS, request, reply, logger);
    });
  }

  private keyOf(request: FastifyRequest): string {
    return `${request.method} ${request.matchedRoute}\u0000${normalizeIp(request.ip, this.ipv6SubnetPrefix)}`;
  }
}
