import type { EntitySchema } from '@mikro-orm/core';
import { SessionSchema } from './identity/session.schema';
import { UserSchema } from './identity/user.schema';

/** Every mapping of a domain class, grouped by bounded context. */
export const entitySchemas: EntitySchema[] = [
  // identity
  UserSchema,
  SessionSchema,
];
