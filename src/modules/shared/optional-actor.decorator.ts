import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '../../application/shared/actor';
import { requestOf } from '../../infrastructure/http/http-arguments';

/** On a `@Public('reads-caller')` route: the caller if they sent a valid token, otherwise undefined. */
export const OptionalActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor | undefined => {
  return requestOf<{ user?: Actor }>(context).user;
});
