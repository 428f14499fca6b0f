import { Injectable } from '@nestjs/common';
import { Email } from '../../domain/identity/email';
import { Clock } from '../shared/clock';
import { UnitOfWork } from '../shared/unit-of-work';
import { IssueAccountToken } from './issue-account-token';
import { UserRepository } from './user.repository';

/**
 * Mails a reset link to an active account's address. The caller learns nothing: the route answers before this
 * runs, the same way for every address, so neither the reply nor its timing tells whether an account exists.
 * Past the per-address limit nothing more is mailed.
 */
@Injectable()
export class RequestPasswordReset {
  constructor(
    private readonly users: UserRepository,
    private readonly issuer: IssueAccountToken,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(input: { email: string }): Promise<void> {
    const email = Email.parse(input.email).value;
    const user = await this.users.byEmail(email);
    if (!user || user.status !== 'active') return;
    await this.uow.run(async () => {
      const now = this.clock.now();
      // Requests for one account take turns, so the limit holds. An account disabled, or moved to another address,
      // since the look above gets no link.
      const current = await this.users.byIdForUpdate(user.id);
      if (current?.status !== 'active' || current.email !== email) return;
      if ((await this.issuer.waitBeforeNext(user.id, 'password_reset', now)) > 0) return;
      await this.issuer.issue({ userId: user.id, purpose: 'password_reset', email, now });
    });
  }
}
