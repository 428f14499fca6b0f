import type { ThrottlerStorage } from '@nestjs/throttler';

export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * A store that holds the answer for most hits in this process's memory (a lease of hits, a remembered block, an
 * in-memory counter) gives it at once. Awaited through the guard, the wrappers and the store, such a hit cost a
 * chain of promises and microtasks on every request: a tenth of the CPU of a product read.
 */
export interface HitsCountedNow {
  /** The hit, counted now; undefined when only `increment` can count it (the store must be asked). */
  incrementNow(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): ThrottlerStorageRecord | undefined;
}

/** A key with its throttler's name: the guard's keys name it, but a store's might not, and two throttlers share keys. */
export const throttlerKey = (throttlerName: string, key: string) => `${throttlerName}:${key}`;

export const countsHitsNow = (storage: object): storage is HitsCountedNow => typeof (storage as Partial<HitsCountedNow>).incrementNow === 'function';
