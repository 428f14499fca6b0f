import { defineEntity } from '@mikro-orm/core';
import { User } from '../../../domain/identity/user';

/** Maps the pure `User` aggregate; the class itself knows nothing of the ORM. */
export const UserSchema = defineEntity({
  class: User,
  tableName: 'users',
  properties: (p) => ({
    id: p.uuid().primary(),
    email: p.string().length(254),
    emailVerified: p.boolean(),
    name: p.string().length(100),
    role: p.string().length(16),
    status: p.string().length(16),
    passwordHash: p.string().length(255),
    failedLogins: p.integer(),
    lockedUntil: p.datetime().nullable(),
    lastFailedLoginAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  }),
});
