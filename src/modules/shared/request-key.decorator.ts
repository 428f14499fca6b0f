import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requestOf } from '../../infrastructure/http/http-arguments';
import type { RequestWithClaim } from '../../infrastructure/http/idempotency/idempotency.interceptor';

/**
 * The request key of an @Idempotent() route's request (domain/shared/request-key.ts): its Idempotency-Key, scoped
 * to the caller as the interceptor claimed it. A handler runs only for a claimed key.
 */
export const RequestKey = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const claim = requestOf<RequestWithClaim>(context).idempotencyClaim;
  if (!claim) throw new Error('@RequestKey() on a route without @Idempotent()');
  return `${claim.scope}:${claim.key}`;
});
