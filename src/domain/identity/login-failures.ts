import { AccountLocked } from './identity.errors';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_SECONDS = 15 * 60;
/** A streak of wrong passwords ends after a day without one: five guesses must come within a day of each other. */
export const FAILURE_STREAK_LAPSE_SECONDS = 24 * 3600;

/**
 * The wrong passwords given in a row for one address, and the lockout they lead to: the fifth locks the address for
 * fifteen minutes. An account keeps its own (User); an address no account has keeps one too, so that the lockout
 * answers alike whether or not an account exists (API.md: an unknown email and a wrong password get the same 401).
 * The streak lapses, so that what is kept of an unknown address can be forgotten (after at least that long without
 * a failure) without the next failure telling it apart from an account's.
 */
export interface LoginFailures {
  failedLogins: number;
  lockedUntil: Date | null;
  lastFailedLoginAt: Date | null;
}

export const noLoginFailures = (): LoginFailures => ({ failedLogins: 0, lockedUntil: null, lastFailedLoginAt: null });

/** Refuses a login attempt before the password is even checked while the address is locked. */
export function assertNotLocked(failures: LoginFailures, now: Date): void {
  if (failures.lockedUntil && failures.lockedUntil > now) {
    throw new AccountLocked(Math.ceil((failures.lockedUntil.getTime() - now.getTime()) / 1000));
  }
}

/** Counts a wrong password; the fifth in a row (within a day of the one before) locks the address. */
export function recordFailedLogin(failures: LoginFailures, now: Date): void {
  if (failures.lockedUntil && failures.lockedUntil <= now) failures.lockedUntil = null;
  // A streak without its last moment was kept before moments were (accounts' before M020): of unknown age, it has
  // lapsed, or it would lock an account sooner than an unknown address and so tell which addresses have one.
  const last = failures.lastFailedLoginAt;
  const lapsed = last === null ? failures.failedLogins > 0 : now.getTime() - last.getTime() >= FAILURE_STREAK_LAPSE_SECONDS * 1000;
  if (lapsed) failures.failedLogins = 0;
  failures.failedLogins += 1;
  failures.lastFailedLoginAt = now;
  if (failures.failedLogins >= LOCKOUT_THRESHOLD) {
    failures.failedLogins = 0;
    failures.lockedUntil = new Date(now.getTime() + LOCKOUT_SECONDS * 1000);
  }
}
