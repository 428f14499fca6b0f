import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '../../application/shared/actor';

/** On a `@Public('reads-caller')` route: the caller if they sent a valid token, otherwise undefined. */
export const OptionalActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor | undefined => {
  return context.switchToHttp().getRequest<{ user?: Actor }>().user;
});
