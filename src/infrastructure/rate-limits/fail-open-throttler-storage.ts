import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { countsHitsNow, type HitsCountedNow, type ThrottlerStorageRecord } from './hits-counted-now';

/**
 * When the counters' store cannot be reached, requests go through uncounted (and a warning is logged at most
 * every few seconds) rather than all failing: rate limits protect the service, they must not take it down.
 * Brute force stays bounded by the per-account lockout, which lives with the accounts in PostgreSQL.
 * `failsOpen` says which failures let a request through: when the store is the database every request needs, a
 * request that could not reach it is answered at once (503) rather than sent on to wait for it a second time.
 */
export class FailOpenThrottlerStorage implements ThrottlerStorage, HitsCountedNow {
  private readonly logger = new Logger('RateLimits');
  private lastWarning = 0;

  constructor(
    private readonly store: ThrottlerStorage,
    private readonly failsOpen: (error: unknown) => boolean = () => true,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    try {
      return await this.store.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      return this.uncounted(error, ttl);
    }
  }

  incrementNow(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): ThrottlerStorageRecord | undefined {
    if (!countsHitsNow(this.store)) return undefined;
    try {
      return this.store.incrementNow(key, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      return this.uncounted(error, ttl);
    }
  }

  private uncounted(error: unknown, ttl: number): ThrottlerStorageRecord {
    if (!this.failsOpen(error)) throw error;
    if (Date.now() - this.lastWarning > 5_000) {
      this.lastWarning = Date.now();
      this.logger.warn({ err: error }, 'rate-limit store unavailable: requests are not counted until it is back');
    }
    return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
  }
}
