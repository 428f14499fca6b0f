import { MikroORM } from '@mikro-orm/core';
import { type BeforeApplicationShutdown, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { isDatabaseUnavailable } from '../http/database-unavailable';
import { PeriodicJob } from '../scheduling/periodic-job';
import { FailOpenThrottlerStorage } from './fail-open-throttler-storage';
import { PostgresThrottlerStorage } from './postgres-throttler-storage';
import { RememberedBlocksThrottlerStorage } from './remembered-blocks-throttler-storage';
import { SlidingWindowThrottlerStorage } from './sliding-window-throttler-storage';

/**
 * The store every throttler of this process counts hits in (see RateLimitsConfig for which one). In memory, a
 * sliding log at O(1) per hit: @nestjs/throttler's default copies a key's whole log on every request.
 */
export const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

interface SelectedStorage {
  storage: ThrottlerStorage;
  /** Which of its failures let a request through uncounted (all, unless said otherwise). */
  failsOpen?(error: unknown): boolean;
  /** Stops background work that uses the database, before it closes. */
  stopJobs?(): Promise<void>;
  /** Once requests in flight are done. */
  close?(): Promise<void>;
}

async function selectStorage(config: AppConfig, orm: MikroORM): Promise<SelectedStorage> {
  const { store, redisUrl } = config.rateLimits;
  if (store === 'redis') {
    // Loaded only when configured: the Redis client's code is heap and start-up time the other stores spare.
    const [{ Redis }, { ThrottlerStorageRedisService }] = await Promise.all([import('ioredis'), import('@nest-lab/throttler-storage-redis')]);
    // No offline queue: while Redis is away a hit fails at once (and is let through) instead of waiting.
    const redis = new Redis(redisUrl!, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    redis.on('error', () => undefined); // reported by the fail-open wrapper when a hit fails
    return { storage: new ThrottlerStorageRedisService(redis), close: async () => void redis.disconnect() };
  }
  if (store === 'postgres') {
    const postgres = new PostgresThrottlerStorage(orm);
    const purge = new PeriodicJob('RateLimitPurge', orm, () => postgres.purgeExpired(), (n) => `Forgot ${n} expired rate-limit window(s)`);
    purge.start(60);
    // The database away is the whole service away: its requests are answered 503 at once, not let through to wait.
    return { storage: postgres, failsOpen: (error) => !isDatabaseUnavailable(error), stopJobs: () => purge.stop() };
  }
  const memory = new SlidingWindowThrottlerStorage();
  return { storage: memory, close: async () => memory.onApplicationShutdown() };
}

@Module({
  providers: [
    {
      provide: RATE_LIMIT_STORAGE,
      inject: [AppConfig, MikroORM],
      useFactory: (config: AppConfig, orm: MikroORM) => selectStorage(config, orm),
    },
  ],
  exports: [RATE_LIMIT_STORAGE],
})
export class ThrottlerStorageModule implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(@Inject(RATE_LIMIT_STORAGE) private readonly selected: SelectedStorage) {}

  /** The storage for the throttler module: blocked keys refused from memory, the rest let through when the store fails. */
  static storageOf(selected: SelectedStorage): ThrottlerStorage {
    return new FailOpenThrottlerStorage(new RememberedBlocksThrottlerStorage(selected.storage), selected.failsOpen);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.selected.stopJobs?.();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.selected.close?.();
  }
}
