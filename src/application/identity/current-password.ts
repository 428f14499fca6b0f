import { Injectable } from '@nestjs/common';
import { SessionEnded, WrongCurrentPassword } from '../../domain/identity/identity.errors';
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
   * Resolves, with the password hash it was checked against, when `password` is the account's; throws
   * AccountLocked or, after counting the failure, WrongCurrentPassword. As at login, the lock is judged again under
   * the account's row lock once the password is hashed: guesses sent at once all pass the first look, and the one
   * that comes right after the fifth wrong one must find the account locked. The caller's own transaction passes
   * the hash to `assertStillCurrent`: a reset committed meanwhile has made the password it confirmed a former one.
   */
  async confirm(user: User, password: string): Promise<string> {
    user.assertNotLocked(this.clock.now());
    // Kept apart: reading the row again under its lock refreshes this same object.
    const checkedHash = user.passwordHash;
    // Hashed outside the transaction: a 40 ms hash must not hold a row lock.
    const matches = await this.hasher.verify(checkedHash, password);
    const wrong = await this.uow.run(async () => {
      const now = this.clock.now();
      const current = await this.users.byIdForUpdate(user.id);
      if (!current) return !matches;
      current.assertNotLocked(now);
      if (current.passwordHash !== checkedHash) return true; // changed meanwhile: not a guess to count
      if (matches) return false;
      current.recordFailedLogin(now);
      await this.users.save(current);
      return true; // committed, then refused: the failure counts even though the request fails
    });
    if (wrong) throw new WrongCurrentPassword();
    return checkedHash;
  }

  /**
   * Under the account's row lock, in the transaction that acts on the password `confirm` returned the hash of. The
   * caller's session was checked when the request came in; an admin who disabled the account meanwhile has ended it
   * and voided the links mailed before, so the request must not issue one, nor change the password, after that.
   */
  assertStillCurrent(current: User, confirmedHash: string): void {
    if (current.status !== 'active') throw new SessionEnded();
    if (current.passwordHash !== confirmedHash) throw new WrongCurrentPassword();
  }
}
