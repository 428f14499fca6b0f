import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor, ActorRole } from '../../application/shared/actor';
import { requestOf } from '../../infrastructure/http/http-arguments';
import { REQUIRED_ROLES } from '../shared/roles.decorator';

/** Global, after authentication: enforces @Roles(...) with the caller's current role. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<ActorRole[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (!roles || roles.length === 0) return true;
    const actor = requestOf<{ user?: Actor }>(context).user;
    if (actor && roles.includes(actor.role)) return true;
    throw new ForbiddenException(`This operation requires the ${roles.join(' or ')} role.`);
  }
}
