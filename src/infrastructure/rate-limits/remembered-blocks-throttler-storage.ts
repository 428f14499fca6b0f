import type { ThrottlerStorage } from '@nestjs/throttler';
import { ExpiringEntries } from './expiring-entries';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Keys the store has blocked, remembered in this process until their block runs out: a client past its limit is
 * refused from memory, without a round trip to PostgreSQL or Redis. Without it every refusal cost a statement, so
 * a flood was refused at a third of the rate reads were served, and the limiter itself was the cheapest way to
 * load the database. The store counts nothing while a key is blocked, so skipping it changes no count; a block
 * is remembered to the whole second the store reported, so it may outlast the store's by under a second.
 */
export class RememberedBlocksThrottlerStorage implements ThrottlerStorage {
  private readonly blocks = new ExpiringEntries<{ until: number }>();

  constructor(private readonly store: ThrottlerStorage) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const id = `${throttlerName}:${key}`; // the guard's keys name their throttler; a store's might not
    const now = Date.now();
    const block = this.blocks.current(id, now);
    if (block) {
      const seconds = Math.ceil((block.until - now) / 1000);
      return { totalHits: limit + 1, timeToExpire: seconds, isBlocked: true, timeToBlockExpire: seconds };
    }
    const record = await this.store.increment(key, ttl, limit, blockDuration, throttlerName);
    if (record.isBlocked && record.timeToBlockExpire > 0) this.blocks.set(id, { until: now + record.timeToBlockExpire * 1000 }, now);
    return record;
  }
}
