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

/**
 * The routes of a signed-in user that check a password, each an argon2id hash (the costliest work a request can ask
 * for), one of them telling whether an address has an account: under the auth limit like the /auth routes, not only
 * under the API's general one (thousands a minute).
 */
const PASSWORD_CHECKING_ROUTES = new Set(['/api/v1/users/me/password', '/api/v1/users/me/email']);

const isAuthRoute = (context: ExecutionContext) => {
  const route = matchedRoute(context);
  return route.startsWith('/api/v1/auth/') || PASSWORD_CHECKING_ROUTES.has(route);
};

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
