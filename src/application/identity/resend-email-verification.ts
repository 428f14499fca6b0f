import { Injectable } from '@nestjs/common';
import { EmailAlreadyVerified, TooManyTokenRequests, UserNotFound } from '../../domain/identity/identity.errors';
import type { Actor } from '../shared/actor';
import { Clock } from '../shared/clock';
import { UnitOfWork } from '../shared/unit-of-work';
import { IssueAccountToken } from './issue-account-token';
import { UserRepository } from './user.repository';

/** Mails a fresh proof-of-address link (the older one stops working), a few times per window at most. */
@Injectable()
export class ResendEmailVerification {
  constructor(
    private readonly users: UserRepository,
    private readonly issuer: IssueAccountToken,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor): Promise<void> {
    await this.uow.run(async () => {
      const now = this.clock.now();
      const user = await this.users.byIdForUpdate(actor.userId);
      if (!user) throw new UserNotFound(actor.userId);
      if (user.emailVerified) throw new EmailAlreadyVerified();
      const wait = await this.issuer.waitBeforeNext(user.id, 'email_verification', now);
      if (wait > 0) throw new TooManyTokenRequests(wait);
      await this.issuer.issue({ userId: user.id, purpose: 'email_verification', email: user.email, now });
    });
  }
}
