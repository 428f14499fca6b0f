import { Injectable } from '@nestjs/common';
import { UserNotFound } from '../../domain/identity/identity.errors';
import type { Role, User, UserStatus } from '../../domain/identity/user';
import type { Actor } from '../shared/actor';
import { Clock } from '../shared/clock';
import { UnitOfWork } from '../shared/unit-of-work';
import { AccountTokenRepository } from './account-token.repository';
import { SessionRepository } from './session.repository';
import { UserRepository } from './user.repository';

/**
 * An admin changes someone's role or status. Disabling ends all of that user's sessions at once and voids the
 * reset and address-change links mailed before (an account is disabled because someone else may be in it): once
 * enabled again, such a link would otherwise still work for the rest of its life.
 */
@Injectable()
export class UpdateUser {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly tokens: AccountTokenRepository,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(actor: Actor, userId: string, changes: { role?: Role; status?: UserStatus }): Promise<User> {
    return this.uow.run(async () => {
      const now = this.clock.now();
      const user = await this.users.byIdForUpdate(userId);
      if (!user) throw new UserNotFound(userId);
      if (changes.role !== undefined) user.changeRole(changes.role, actor.userId, now);
      const statusChanged = changes.status !== undefined && user.changeStatus(changes.status, actor.userId, now);
      await this.users.save(user);
      if (statusChanged && user.status === 'disabled') {
        await this.sessions.endAllOfUser(user.id, 'account_disabled', now);
        await this.tokens.supersedeOpen(user.id, ['password_reset', 'email_change'], now);
      }
      return user;
    });
  }
}
