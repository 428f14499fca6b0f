import type { ThrottlerStorage } from '@nestjs/throttler';
import { ExpiringEntries } from './expiring-entries';
import { countsHitsNow, type HitsCountedNow, type ThrottlerStorageRecord, throttlerKey } from './hits-counted-now';

/**
 * Keys the store has blocked, remembered in this process until their block runs out: a client past its limit is
 * refused from memory, without a round trip to PostgreSQL or Redis. Without it every refusal cost a statement, so
 * a flood was refused at a third of the rate reads were served, and the limiter itself was the cheapest way to
 * load the database. The store counts nothing while a key is blocked, so skipping it changes no count; a block
 * is remembered to the whole second the store reported, so it may outlast the store's by under a second.
 */
export class RememberedBlocksThrottlerStorage implements ThrottlerStorage, HitsCountedNow {
  private readonly blocks = new ExpiringEntries<{ until: number }>();

  constructor(private readonly store: ThrottlerStorage) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    const id = throttlerKey(throttlerName, key);
    return this.blocked(id, limit, now) ?? this.remember(id, await this.store.increment(key, ttl, limit, blockDuration, throttlerName), now);
  }

  /** A remembered block, or the store's hit when it can count it now. */
  incrementNow(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): ThrottlerStorageRecord | undefined {
    const now = Date.now();
    const id = throttlerKey(throttlerName, key);
    const blocked = this.blocked(id, limit, now);
    if (blocked || !countsHitsNow(this.store)) return blocked;
    const record = this.store.incrementNow(key, ttl, limit, blockDuration, throttlerName);
    return record && this.remember(id, record, now);
  }

  private blocked(id: string, limit: number, now: number): ThrottlerStorageRecord | undefined {
    const block = this.blocks.current(id, now);
    if (!block) return undefined;
    const seconds = Math.ceil((block.until - now) / 1000);
    return { totalHits: limit + 1, timeToExpire: seconds, isBlocked: true, timeToBlockExpire: seconds };
  }

  private remember(id: string, record: ThrottlerStorageRecord, now: number): ThrottlerStorageRecord {
    if (record.isBlocked && record.timeToBlockExpire > 0) this.blocks.set(id, { until: now + record.timeToBlockExpire * 1000 }, now);
    return record;
  }
}
