import type { ExecutionContext } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../../infrastructure/config/app-config';
import { RefusedClients } from '../../infrastructure/rate-limits/refused-clients';
import { RATE_LIMIT_STORAGE, ThrottlerStorageModule } from '../../infrastructure/rate-limits/throttler-storage.module';
import { memoizedReflector } from '../shared/memoized-reflector';
import { ApiThrottler, AUTH_THROTTLER, matchedRoute } from './api-throttler';
import { RateLimitGuard } from './rate-limit.guard';

const isAuthRoute = (context: ExecutionContext) => matchedRoute(context).startsWith('/api/v1/auth/');

/**
 * Rate limits, first among the guards so that floods are refused before any token is even verified. The
 * counters live where every instance sees them (Redis or PostgreSQL, see ThrottlerStorageModule).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [ThrottlerStorageModule],
      inject: [AppConfig, RATE_LIMIT_STORAGE],
      useFactory: (config: AppConfig, storage: Parameters<typeof ThrottlerStorageModule.storageOf>[0]) => ({
        // The stricter limit first: a client past it is refused before the other one counts the request.
        throttlers: [
          { name: AUTH_THROTTLER, limit: config.auth.throttleLimit, ttl: config.auth.throttleTtlSeconds * 1000, skipIf: (context) => !isAuthRoute(context) },
          { name: 'default', limit: config.auth.apiRateLimit, ttl: 60_000 },
        ],
        storage: ThrottlerStorageModule.storageOf(storage),
      }),
    }),
  ],
  providers: [memoizedReflector, RefusedClients, ApiThrottler, { provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitsModule {}
