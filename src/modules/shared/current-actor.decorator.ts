import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '../../application/shared/actor';
import { requestOf } from '../../infrastructure/http/http-arguments';

/** The authenticated caller, as the authentication guard established it. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  return requestOf<{ user: Actor }>(context).user;
});
