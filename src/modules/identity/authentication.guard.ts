import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { requestOf } from '../../infrastructure/http/http-arguments';
import { SessionEnded } from '../../domain/identity/identity.errors';
import { IS_PUBLIC, type Publicity } from '../shared/public.decorator';
import { AuthenticationRequired } from '../../domain/shared/authentication-required';

/**
 * Global: every route needs a valid access token of an open session unless it is marked @Public(). A public
 * route reads no token unless it answers some callers more (`@Public('reads-caller')`: admins see archived
 * products); there a sent token is authenticated, and a bad one refused rather than silently ignored.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const publicity = this.reflector.getAllAndOverride<Publicity | undefined>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (publicity === 'ignores-token' || (publicity === 'reads-caller' && !sentToken(context))) return true;
    return super.canActivate(context);
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
  Boolean(requestOf<{ headers: Record<string, unknown> }>(context).headers.authorization);
