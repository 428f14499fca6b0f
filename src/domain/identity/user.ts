import { AggregateRoot } from '../shared/aggregate-root';
import { checkedDisplayName } from '../shared/display-text';
import type { DomainEvent } from '../shared/domain-event';
import { EmailUnchanged, InvalidAccountToken, InvalidName, SelfModificationRefused } from './identity.errors';
import type { Email } from './email';
import { assertNotLocked, type LoginFailures, recordFailedLogin } from './login-failures';

export type Role = 'customer' | 'admin';
export type UserStatus = 'active' | 'disabled';

/** The bound of the `users.name` column, in characters as PostgreSQL counts them. */
export const MAX_NAME_CHARACTERS = 100;


/**
 * A person who can log in. Owns the login rules: lockout after repeated failures, disabled accounts,
 * and what an admin may not do to their own account.
 */
export interface UserRegistered extends DomainEvent {
  readonly type: 'user.registered';
  readonly email: string;
  readonly role: Role;
}

/** The password changed (by its owner or through a reset): the owner is told, in case it was not them. */
export interface PasswordChanged extends DomainEvent {
  readonly type: 'user.password-changed';
  readonly email: string;
}

export interface EmailChanged extends DomainEvent {
  readonly type: 'user.email-changed';
  readonly email: string;
  readonly previousEmail: string;
}

export type UserEvent = UserRegistered | PasswordChanged | EmailChanged;

export class User extends AggregateRoot<UserEvent> implements LoginFailures {
  id: string;
  email: string;
  /** Proven by a token mailed to the address; a new address starts proven, since confirming it is the proof. */
  emailVerified: boolean;
  name: string;
  role: Role;
  status: UserStatus;
  passwordHash: string;
  failedLogins: number;
  lockedUntil: Date | null;
  lastFailedLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;

  static register(input: { id: string; email: Email; name: string; passwordHash: string; role?: Role; emailVerified?: boolean; now: Date }): User {
    const user = new User();
    user.id = input.id;
    user.email = input.email.value;
    user.emailVerified = input.emailVerified ?? false;
    user.name = checkedDisplayName(input.name, MAX_NAME_CHARACTERS, (reason) => new InvalidName(reason));
    user.role = input.role ?? 'customer';
    user.status = 'active';
    user.passwordHash = input.passwordHash;
    user.failedLogins = 0;
    user.lockedUntil = null;
    user.lastFailedLoginAt = null;
    user.createdAt = input.now;
    user.updatedAt = input.now;
    user.record({ type: 'user.registered', aggregateId: user.id, occurredAt: input.now, email: user.email, role: user.role });
    return user;
  }

  get isAdmin(): boolean {
    return this.role === 'admin';
  }

  /** Refuses a login attempt before the password is even checked while the account is locked. */
  assertNotLocked(now: Date): void {
    assertNotLocked(this, now);
  }

  /** Counts a wrong password; the fifth in a row (within a day of the one before) locks the account for fifteen minutes. */
  recordFailedLogin(now: Date): void {
    recordFailedLogin(this, now);
    this.updatedAt = now;
  }

  /**
   * Counts a login whose password was checked, and says whether it is let in: only the right password of an active
   * account is, and the failure streak ends. A disabled account's login counts as a wrong password's whatever the
   * password: a refusal of its own would tell whoever is guessing that the password was right.
   */
  recordLogin(passwordMatches: boolean, now: Date): boolean {
    if (!passwordMatches || this.status === 'disabled') {
      this.recordFailedLogin(now);
      return false;
    }
    if (this.failedLogins !== 0 || this.lockedUntil !== null) {
      this.failedLogins = 0;
      this.lockedUntil = null;
      this.updatedAt = now;
    }
    return true;
  }

  rename(name: string, now: Date): void {
    this.name = checkedDisplayName(name, MAX_NAME_CHARACTERS, (reason) => new InvalidName(reason));
    this.updatedAt = now;
  }

  changePasswordHash(passwordHash: string, now: Date): void {
    this.passwordHash = passwordHash;
    this.updatedAt = now;
    this.record({ type: 'user.password-changed', aggregateId: this.id, occurredAt: now, email: this.email });
  }

  /** A reset proves the owner is back: the failure streak and any lockout end with the old password. */
  resetPassword(passwordHash: string, now: Date): void {
    this.changePasswordHash(passwordHash, now);
    this.failedLogins = 0;
    this.lockedUntil = null;
  }

  /** The address the token was mailed to is still the account's: it is proven now. */
  verifyEmail(email: string, now: Date): void {
    if (email !== this.email) throw new InvalidAccountToken();
    if (this.emailVerified) return;
    this.emailVerified = true;
    this.updatedAt = now;
  }

  /** Moves the account to an address whose owner just proved it (the caller checked it is still free). */
  changeEmail(email: Email, now: Date): void {
    if (email.value === this.email) throw new EmailUnchanged();
    const previousEmail = this.email;
    this.email = email.value;
    this.emailVerified = true;
    this.updatedAt = now;
    this.record({ type: 'user.email-changed', aggregateId: this.id, occurredAt: now, email: this.email, previousEmail });
  }

  changeRole(role: Role, actorId: string, now: Date): void {
    if (role === this.role) return;
    if (actorId === this.id) throw new SelfModificationRefused('change the role of');
    this.role = role;
    this.updatedAt = now;
  }

  /** Returns true when the status changed, so the caller knows whether sessions must end. */
  changeStatus(status: UserStatus, actorId: string, now: Date): boolean {
    if (status === this.status) return false;
    if (actorId === this.id) throw new SelfModificationRefused('disable or enable');
    this.status = status;
    if (status === 'active') {
      this.failedLogins = 0;
      this.lockedUntil = null;
    }
    this.updatedAt = now;
    return true;
  }
}
