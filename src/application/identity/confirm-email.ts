import { Injectable } from '@nestjs/common';
import { Email } from '../../domain/identity/email';
import { EmailAlreadyRegistered, InvalidAccountToken } from '../../domain/identity/identity.errors';
import { Clock } from '../shared/clock';
import { EventPublisher } from '../shared/event-publisher';
import { UnitOfWork } from '../shared/unit-of-work';
import { AccountTokenRepository } from './account-token.repository';
import { AccountTokenSecrets } from './account-token-secrets';
import { UserRepository } from './user.repository';

/**
 * A token mailed to an address came back: the account's address is proven, or the account moves to the new
 * address it asked for, if that address is still free. Moving ends every other open token of the account, since
 * they were mailed to the old address.
 */
@Injectable()
export class ConfirmEmail {
  constructor(
    private readonly tokens: AccountTokenRepository,
    private readonly secrets: AccountTokenSecrets,
    private readonly users: UserRepository,
    private readonly events: EventPublisher,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(input: { token: string }): Promise<void> {
    const hash = this.secrets.hashOf(input.token);
    const found = hash === null ? null : await this.tokens.byHash(hash);
    if (!found) throw new InvalidAccountToken();
    await this.uow.run(async () => {
      const now = this.clock.now();
      // The account's row first, then its tokens: the order every token use case locks in.
      const user = await this.users.byIdForUpdate(found.userId);
      const token = await this.tokens.byHashForUpdate(found.tokenHash);
      if (!user || !token || user.status !== 'active') throw new InvalidAccountToken();
      token.redeem(['email_verification', 'email_change'], now);
      if (token.purpose === 'email_verification') {
        user.verifyEmail(token.email, now);
      } else {
        const owner = await this.users.byEmail(token.email);
        if (owner && owner.id !== user.id) throw new EmailAlreadyRegistered();
        user.changeEmail(Email.parse(token.email), now);
        await this.tokens.supersedeOpen(user.id, ['password_reset', 'email_verification', 'email_change'], now);
      }
      // The user first: its save turns a lost race for the address (the unique index) into a 409.
      await this.users.save(user);
      await this.tokens.save(token);
      await this.events.publish(user.pullEvents());
    });
  }
}
