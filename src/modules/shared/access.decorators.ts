import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { ActorRole } from '../../application/shared/actor';
import { BEARER_SCHEME } from '../../infrastructure/http/openapi';
import { ApiProblems } from './api-problems.decorator';
import { Roles } from './roles.decorator';

/** Any logged-in caller (the global guard enforces it; this documents it). */
export const Authenticated = () => applyDecorators(ApiBearerAuth(BEARER_SCHEME), ApiProblems(401));

/**
 * Callers with one of these roles only: 401 without a valid token, 403 for other roles. The roles are also
 * published as `x-required-roles`, so tests can walk the document and try every such operation with every role.
 */
export const RequiresRole = (...roles: ActorRole[]) =>
  applyDecorators(Roles(...roles), ApiBearerAuth(BEARER_SCHEME), ApiProblems(401, 403), ApiExtension('x-required-roles', roles));

export const AdminOnly = () => RequiresRole('admin');
