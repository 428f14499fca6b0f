import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** Past this many remembered blocks, the ones that have run out are swept, at most once a second. */
const SWEEP_ABOVE = 10_000;
const SWEEP_EVERY_MS = 1_000;

/**
 * Keys the store has blocked, remembered in this process until their block runs out: a client past its limit is
 * refused from memory, without a round trip to PostgreSQL or Redis. Without it every refusal cost a statement, so
 * a flood was refused at a third of the rate reads were served, and the limiter itself was the cheapest way to
 * load the database. The store counts nothing while a key is blocked, so skipping it changes no count; a block
 * is remembered to the whole second the store reported, so it may outlast the store's by under a second.
 */
export class RememberedBlocksThrottlerStorage implements ThrottlerStorage {
  private readonly blockedUntil = new Map<string, number>();
  private sweptAt = 0;

  constructor(private readonly store: ThrottlerStorage) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const id = `${throttlerName}:${key}`; // the guard's keys name their throttler; a store's might not
    const now = Date.now();
    const until = this.blockedUntil.get(id);
    if (until !== undefined && until > now) {
      const seconds = Math.ceil((until - now) / 1000);
      return { totalHits: limit + 1, timeToExpire: seconds, isBlocked: true, timeToBlockExpire: seconds };
    }
    if (until !== undefined) this.blockedUntil.delete(id);
    const record = await this.store.increment(key, ttl, limit, blockDuration, throttlerName);
    if (record.isBlocked && record.timeToBlockExpire > 0) this.remember(id, now + record.timeToBlockExpire * 1000, now);
    return record;
  }

  private remember(id: string, until: number, now: number): void {
    if (this.blockedUntil.size >= SWEEP_ABOVE && now - this.sweptAt >= SWEEP_EVERY_MS) {
      this.sweptAt = now;
      for (const [key, end] of this.blockedUntil) if (end <= now) this.blockedUntil.delete(key);
    }
    this.blockedUntil.set(id, until);
  }
}
