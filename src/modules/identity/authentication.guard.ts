import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { SessionEnded } from '../../domain/identity/identity.errors';
import { IS_PUBLIC } from '../shared/public.decorator';
import { AuthenticationRequired } from './authentication-required.error';

/**
 * Global: every route needs a valid access token of an open session unless it is marked @Public(). A public
 * route that is sent a token still authenticates it, so it can show admins more (archived products); a bad
 * token there is refused rather than silently ignored.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic && !sentToken(context) ? true : super.canActivate(context);
  }

  override handleRequest<T>(error: unknown, actor: T, _info: unknown, context: ExecutionContext): T {
    if (error) throw error;
    if (!actor) {
      throw sentToken(context) ? new SessionEnded() : new AuthenticationRequired();
    }
    return actor;
  }
}

const sentToken = (context: ExecutionContext) =>
  Boolean(context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers.authorization);
