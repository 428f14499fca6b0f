import type { AccountToken, AccountTokenPurpose } from '../../domain/identity/account-token';

export abstract class AccountTokenRepository {
  abstract add(token: AccountToken): Promise<void>;
  abstract save(token: AccountToken): Promise<void>;
  abstract byHash(hash: string): Promise<AccountToken | null>;
  /** Reads the token and holds a row lock until the unit of work ends: a token is spent once, whatever the race. */
  abstract byHashForUpdate(hash: string): Promise<AccountToken | null>;
  /** Marks the user's open tokens of these purposes superseded: only the newest one works. */
  abstract supersedeOpen(userId: string, purposes: readonly AccountTokenPurpose[], now: Date): Promise<void>;
  /** When the tokens of these purposes issued to the user since then were issued, oldest first: the per-address limit. */
  abstract issuedSince(userId: string, purposes: readonly AccountTokenPurpose[], since: Date): Promise<Date[]>;
  /** Forgets tokens that can no longer be used (spent, superseded or expired) since before `before`; returns how many. */
  abstract purgeFinished(before: Date): Promise<number>;
}
