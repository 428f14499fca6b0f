import type { LoginFailures } from '../../domain/identity/login-failures';

/**
 * The login failures of addresses no account has, kept as an account keeps its own, so that the fifth wrong attempt
 * in a row locks an unknown address as it locks an account: the lockout must not tell which addresses have one.
 */
export abstract class UnknownAddressLogins {
  /** The address's failures; none when nothing is kept for it. */
  abstract failuresOf(email: string): Promise<LoginFailures>;
  /** The same, its row locked until the unit of work ends (created at `now` if need be). */
  abstract failuresForUpdate(email: string, now: Date): Promise<LoginFailures>;
  abstract save(email: string, failures: LoginFailures, now: Date): Promise<void>;
  /**
   * Forgets the addresses not tried since `before`, at least a day ago: their streaks have lapsed and their locks
   * ended, so the next failure counts as the first, as an account's would. Returns how many.
   */
  abstract forgetIdle(before: Date): Promise<number>;
}
