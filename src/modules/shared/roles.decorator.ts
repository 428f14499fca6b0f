import { SetMetadata } from '@nestjs/common';
import type { ActorRole } from '../../application/shared/actor';

export const REQUIRED_ROLES = 'requiredRoles';

/** Restricts a route to callers whose current role is one of these (403 otherwise). */
export const Roles = (...roles: ActorRole[]) => SetMetadata(REQUIRED_ROLES, roles);
