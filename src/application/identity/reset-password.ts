import { Injectable } from '@nestjs/common';
import { InvalidAccountToken } from '../../domain/identity/identity.errors';
import { assertAcceptablePassword } from '../../domain/identity/password-policy';
import { Clock } from '../shared/clock';
import { EventPublisher } from '../shared/event-publisher';
import { UnitOfWork } from '../shared/unit-of-work';
import { AccountTokenRepository } from './account-token.repository';
import { AccountTokenSecrets } from './account-token-secrets';
import { CommonPasswordList } from './common-password-list';
import { PasswordHasher } from './password-hasher';
import { SessionRepository } from './session.repository';
import { UserRepository } from './user.repository';

/**
 * Spends a reset token on a new password: every session of the account ends (whoever held the old password is out),
 * its lockout clears, any other reset link and any pending move of the address stop working, and the owner is
 * mailed a notice.
 */
@Injectable()
export class ResetPassword {
  constructor(
    private readonly tokens: AccountTokenRepository,
    private readonly secrets: AccountTokenSecrets,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly commonPasswords: CommonPasswordList,
    private readonly events: EventPublisher,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(input: { token: string; password: string }): Promise<void> {
    const hash = this.secrets.hashOf(input.token);
    // Checked before the slow hash, which an unknown token must not cost; checked again under the locks.
    const found = hash === null ? null : await this.tokens.byHash(hash);
    if (!found) throw new InvalidAccountToken();
    const owner = await this.users.byId(found.userId);
    if (!owner) throw new InvalidAccountToken();
    assertAcceptablePassword(input.password, this.commonPasswords, owner);
    const passwordHash = await this.hasher.hash(input.password);
    await this.uow.run(async () => {
      const now = this.clock.now();
      // The account's row first, then its tokens: the order every token use case locks in.
      const user = await this.users.byIdForUpdate(found.userId);
      const token = await this.tokens.byHashForUpdate(found.tokenHash);
      if (!user || !token || user.status !== 'active') throw new InvalidAccountToken();
      token.redeem(['password_reset'], now);
      user.resetPassword(passwordHash, now);
      await this.users.save(user);
      await this.tokens.save(token);
      // Recovery cancels a pending move of the address too: it may be the intruder's.
      await this.tokens.supersedeOpen(user.id, ['password_reset', 'email_change'], now);
      await this.sessions.endAllOfUser(user.id, 'password_reset', now);
      await this.events.publish(user.pullEvents());
    });
  }
}
