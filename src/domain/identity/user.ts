import { AggregateRoot } from '../shared/aggregate-root';
import type { DomainEvent } from '../shared/domain-event';
import { AccountDisabled, AccountLocked, SelfModificationRefused } from './identity.errors';
import type { Email } from './email';

export type Role = 'customer' | 'admin';
export type UserStatus = 'active' | 'disabled';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_SECONDS = 15 * 60;

/**
 * A person who can log in. Owns the login rules: lockout after repeated failures, disabled accounts,
 * and what an admin may not do to their own account.
 */
export interface UserRegistered extends DomainEvent {
  readonly type: 'user.registered';
  readonly email: string;
  readonly role: Role;
}

export class User extends AggregateRoot<UserRegistered> {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  passwordHash: string;
  failedLogins: number;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;

  static register(input: { id: string; email: Email; name: string; passwordHash: string; role?: Role; now: Date }): User {
    const user = new User();
    user.id = input.id;
    user.email = input.email.value;
    user.name = input.name.trim();
    user.role = input.role ?? 'customer';
    user.status = 'active';
    user.passwordHash = input.passwordHash;
    user.failedLogins = 0;
    user.lockedUntil = null;
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
    if (this.lockedUntil && this.lockedUntil > now) {
      throw new AccountLocked(Math.ceil((this.lockedUntil.getTime() - now.getTime()) / 1000));
    }
  }

  /** Counts a wrong password; the fifth in a row locks the account for fifteen minutes. */
  recordFailedLogin(now: Date): void {
    if (this.lockedUntil && this.lockedUntil <= now) this.lockedUntil = null;
    this.failedLogins += 1;
    if (this.failedLogins >= LOCKOUT_THRESHOLD) {
      this.failedLogins = 0;
      this.lockedUntil = new Date(now.getTime() + LOCKOUT_SECONDS * 1000);
    }
    this.updatedAt = now;
  }

  /** A correct password: the failure streak ends. Disabled accounts still may not log in. */
  recordSuccessfulLogin(now: Date): void {
    if (this.status === 'disabled') throw new AccountDisabled();
    if (this.failedLogins !== 0 || this.lockedUntil !== null) {
      this.failedLogins = 0;
      this.lockedUntil = null;
      this.updatedAt = now;
    }
  }

  rename(name: string, now: Date): void {
    this.name = name.trim();
    this.updatedAt = now;
  }

  changePasswordHash(passwordHash: string, now: Date): void {
    this.passwordHash = passwordHash;
    this.updatedAt = now;
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
