import { Injectable } from '@nestjs/common';
import { WrongCurrentPassword } from '../../domain/identity/identity.errors';
import type { User } from '../../domain/identity/user';
import { Clock } from '../shared/clock';
import { UnitOfWork } from '../shared/unit-of-work';
import { PasswordHasher } from './password-hasher';
import { UserRepository } from './user.repository';

/**
 * The password a signed-in owner enters again to change it or the account's address. A wrong one counts toward
 * the account's lockout as a failed login does, and a locked account takes no guess: whoever holds a stolen session
 * must not be able to try passwords at hashing speed until one lets them take the account over.
 */
@Injectable()
export class CurrentPassword {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /**
   * Resolves when `password` is the account's; throws AccountLocked or, after counting the failure,
   * WrongCurrentPassword. As at login, the lock is judged again under the account's row lock once the password is
   * hashed: guesses sent at once all pass the first look, and the one that comes right after the fifth wrong one
   * must find the account locked.
   */
  async confirm(user: User, password: string): Promise<void> {
    user.assertNotLocked(this.clock.now());
    // Hashed outside the transaction: a 40 ms hash must not hold a row lock.
    const matches = await this.hasher.verify(user.passwordHash, password);
    const wrong = await this.uow.run(async () => {
      const now = this.clock.now();
      const current = await this.users.byIdForUpdate(user.id);
      if (!current) return !matches;
      current.assertNotLocked(now);
      if (matches) return false;
      current.recordFailedLogin(now);
      await this.users.save(current);
      return true; // committed, then refused: the failure counts even though the request fails
    });
    if (wrong) throw new WrongCurrentPassword();
  }
}
