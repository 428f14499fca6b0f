import { Injectable } from '@nestjs/common';
import { UserNotFound } from '../../domain/identity/identity.errors';
import { assertAcceptablePassword } from '../../domain/identity/password-policy';
import type { Actor } from '../shared/actor';
import { Clock } from '../shared/clock';
import { EventPublisher } from '../shared/event-publisher';
import { UnitOfWork } from '../shared/unit-of-work';
import { AccountTokenRepository } from './account-token.repository';
import { CommonPasswordList } from './common-password-list';
import { CurrentPassword } from './current-password';
import { PasswordHasher } from './password-hasher';
import { SessionRepository } from './session.repository';
import { UserRepository } from './user.repository';

/**
 * A new password ends every other session of the user (whoever knew the old one is logged out), any reset link still
 * open and any pending move of the address (the owner changing the password after a notice of a move they did not
 * ask for cancels it); the owner is mailed a notice.
 */
@Injectable()
export class ChangePassword {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly currentPassword: CurrentPassword,
    private readonly commonPasswords: CommonPasswordList,
    private readonly tokens: AccountTokenRepository,
    private readonly events: EventPublisher,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: { currentPassword: string; newPassword: string }): Promise<void> {
    const user = await this.users.byId(actor.userId);
    if (!user) throw new UserNotFound(actor.userId);
    const confirmedHash = await this.currentPassword.confirm(user, input.currentPassword);
    assertAcceptablePassword(input.newPassword, this.commonPasswords, user);
    const newHash = await this.hasher.hash(input.newPassword);
    await this.uow.run(async () => {
      const now = this.clock.now();
      // The account's row before its tokens: the order every token use case locks in.
      const current = await this.users.byIdForUpdate(user.id);
      if (!current) throw new UserNotFound(actor.userId);
      this.currentPassword.assertStillCurrent(current, confirmedHash);
      current.changePasswordHash(newHash, now);
      await this.users.save(current);
      await this.sessions.endAllOfUser(current.id, 'password_changed', now, actor.sessionId);
      await this.tokens.supersedeOpen(current.id, ['password_reset', 'email_change'], now);
      await this.events.publish(current.pullEvents());
    });
  }
}
