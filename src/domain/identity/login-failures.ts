import { AccountLocked } from './identity.errors';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_SECONDS = 15 * 60;

/**
 * The wrong passwords given in a row for one address, and the lockout they lead to: the fifth locks the address for
 * fifteen minutes. An account keeps its own (User); an address no account has keeps one too, so that the lockout
 * answers alike whether or not an account exists (API.md: an unknown email and a wrong password get the same 401).
 */
export interface LoginFailures {
  failedLogins: number;
  lockedUntil: Date | null;
}

export const noLoginFailures = (): LoginFailures => ({ failedLogins: 0, lockedUntil: null });

/** Refuses a login attempt before the password is even checked while the address is locked. */
export function assertNotLocked(failures: LoginFailures, now: Date): void {
  if (failures.lockedUntil && failures.lockedUntil > now) {
    throw new AccountLocked(Math.ceil((failures.lockedUntil.getTime() - now.getTime()) / 1000));
  }
}

/** Counts a wrong password; the fifth in a row locks the address. */
export function recordFailedLogin(failures: LoginFailures, now: Date): void {
  if (failures.lockedUntil && failures.lockedUntil <= now) failures.lockedUntil = null;
  failures.failedLogins += 1;
  if (failures.failedLogins >= LOCKOUT_THRESHOLD) {
    failures.failedLogins = 0;
    failures.lockedUntil = new Date(now.getTime() + LOCKOUT_SECONDS * 1000);
  }
}
