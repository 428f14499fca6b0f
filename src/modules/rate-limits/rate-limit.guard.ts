import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ApiThrottler } from './api-throttler';

/**
 * The API's rate limits, as a global guard. Nest awaits a guard that answers with a promise, through two async
 * steps of its own, and @nestjs/throttler's guard always does (its `canActivate` is async): every request paid for
 * them, its hit counted from memory or not. This one answers at once whenever ApiThrottler can.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly throttler: ApiThrottler) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    return this.throttler.decide(context);
  }
}
