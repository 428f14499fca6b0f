import { Injectable } from '@nestjs/common';
import { Email } from '../../domain/identity/email';
import { EmailAlreadyRegistered, EmailUnchanged, TooManyTokenRequests, UserNotFound } from '../../domain/identity/identity.errors';
import type { Actor } from '../shared/actor';
import { Clock } from '../shared/clock';
import { UnitOfWork } from '../shared/unit-of-work';
import { IssueAccountToken } from './issue-account-token';
import { CurrentPassword } from './current-password';
import { UserRepository } from './user.repository';

/**
 * Asks to move the account to another address: the password proves it is the owner asking, a link mailed to the
 * new address proves they own it, and the current address is told. Nothing changes until the link comes back.
 */
@Injectable()
export class RequestEmailChange {
  constructor(
    private readonly users: UserRepository,
    private readonly currentPassword: CurrentPassword,
    private readonly issuer: IssueAccountToken,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: { email: string; password: string }): Promise<void> {
    const email = Email.parse(input.email);
    const user = await this.users.byId(actor.userId);
    if (!user) throw new UserNotFound(actor.userId);
    const confirmedHash = await this.currentPassword.confirm(user, input.password);
    if (email.value === user.email) throw new EmailUnchanged();
    if (await this.users.byEmail(email.value)) throw new EmailAlreadyRegistered();
    await this.uow.run(async () => {
      const now = this.clock.now();
      const current = await this.users.byIdForUpdate(user.id); // requests for one account take turns, so the limit holds
      if (!current) throw new UserNotFound(actor.userId);
      this.currentPassword.assertStillCurrent(current, confirmedHash);
      const wait = await this.issuer.waitBeforeNext(user.id, 'email_change', now);
      if (wait > 0) throw new TooManyTokenRequests(wait);
      await this.issuer.issue({ userId: user.id, purpose: 'email_change', email: email.value, previousEmail: current.email, now });
    });
  }
}
