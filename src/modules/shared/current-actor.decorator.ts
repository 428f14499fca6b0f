import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '../../application/shared/actor';

/** The authenticated caller, as the authentication guard established it. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<{ user: Actor }>().user;
});
