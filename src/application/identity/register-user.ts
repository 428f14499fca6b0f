import { Injectable } from '@nestjs/common';
import { Email } from '../../domain/identity/email';
import { assertAcceptablePassword } from '../../domain/identity/password-policy';
import { type Role, User } from '../../domain/identity/user';
import { Clock } from '../shared/clock';
import { EventPublisher } from '../shared/event-publisher';
import { UnitOfWork } from '../shared/unit-of-work';
import { CommonPasswordList } from './common-password-list';
import { IssueAccountToken } from './issue-account-token';
import { PasswordHasher } from './password-hasher';
import { UserRepository } from './user.repository';

export interface RegisterUserInput {
  email: string;
  password: string;
  name: string;
}

/**
 * Anyone may open a customer account; the role is never taken from the caller. A customer is mailed a link that
 * proves the address; the first admin's address comes from the operator's configuration and counts as proven.
 */
@Injectable()
export class RegisterUser {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly commonPasswords: CommonPasswordList,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly events: EventPublisher,
    private readonly issuer: IssueAccountToken,
  ) {}

  async execute(input: RegisterUserInput, role: Role = 'customer'): Promise<User> {
    const email = Email.parse(input.email);
    assertAcceptablePassword(input.password, this.commonPasswords, { email: email.value, name: input.name });
    const passwordHash = await this.hasher.hash(input.password);
    const now = this.clock.now();
    const user = User.register({ id: this.users.nextId(), email, name: input.name, passwordHash, role, emailVerified: role === 'admin', now });
    await this.uow.run(async () => {
      await this.users.add(user);
      await this.events.publish(user.pullEvents());
      if (!user.emailVerified) await this.issuer.issue({ userId: user.id, purpose: 'email_verification', email: user.email, now });
    });
    return user;
  }
}
