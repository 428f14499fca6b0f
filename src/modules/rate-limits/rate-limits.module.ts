import type { ExecutionContext } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../../infrastructure/config/app-config';
import { ApiThrottlerGuard } from './api-throttler.guard';

const isAuthRoute = (context: ExecutionContext) => context.switchToHttp().getRequest<FastifyRequest>().url.startsWith('/api/v1/auth/');

/** Rate limits, first among the guards so that floods are refused before any token is even verified. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => [
        { name: 'default', limit: config.auth.apiRateLimit, ttl: 60_000 },
        { name: 'auth', limit: config.auth.throttleLimit, ttl: config.auth.throttleTtlSeconds * 1000, skipIf: (context) => !isAuthRoute(context) },
      ],
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: ApiThrottlerGuard }],
})
export class RateLimitsModule {}
