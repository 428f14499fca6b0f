import { defineEntity } from '@mikro-orm/core';
import { AccountToken } from '../../../domain/identity/account-token';

export const AccountTokenSchema = defineEntity({
  class: AccountToken,
  tableName: 'account_tokens',
  properties: (p) => ({
    id: p.string().length(32).primary(),
    userId: p.uuid(),
    purpose: p.string().length(32),
    email: p.string().length(254),
    tokenHash: p.string().length(64),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    supersededAt: p.datetime().nullable(),
  }),
});
