import { defineEntity } from '@mikro-orm/core';
import { Session } from '../../../domain/identity/session';

export const SessionSchema = defineEntity({
  class: Session,
  tableName: 'sessions',
  properties: (p) => ({
    id: p.uuid().primary(),
    userId: p.uuid(),
    refreshTokenHash: p.string().length(64),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    endedAt: p.datetime().nullable(),
    endReason: p.string().length(32).nullable(),
  }),
});
