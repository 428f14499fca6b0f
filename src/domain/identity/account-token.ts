import { AggregateRoot } from '../shared/aggregate-root';
import type { DomainEvent } from '../shared/domain-event';
import { InvalidAccountToken } from './identity.errors';

/**
 * What a token mailed to an address proves when it comes back: the address's owner forgot the password, owns
 * the account's address, or owns the new address the account asked to move to.
 */
export type AccountTokenPurpose = 'password_reset' | 'email_verification' | 'email_change';

/** A token was issued and must reach `email`; the token itself is never in an event, only its id. */
export interface AccountTokenIssued extends DomainEvent {
  readonly type: 'password-reset.requested' | 'email-verification.requested' | 'email-change.requested';
  readonly userId: string;
  readonly email: string;
  readonly tokenId: string;
  readonly expiresAt: string;
  /** For an address change: the address the account has now, which is told of the request. */
  readonly previousEmail?: string;
}

const eventTypes: Record<AccountTokenPurpose, AccountTokenIssued['type']> = {
  password_reset: 'password-reset.requested',
  email_verification: 'email-verification.requested',
  email_change: 'email-change.requested',
};

/**
 * A single-use token mailed to an address. Only its hash is kept; it works once, until it expires, and only while
 * no newer token of its kind was issued (nor, for a reset, the password changed).
 */
export class AccountToken extends AggregateRoot<AccountTokenIssued> {
  id: string;
  userId: string;
  purpose: AccountTokenPurpose;
  email: string;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  supersededAt: Date | null;

  static issue(input: {
    id: string;
    userId: string;
    purpose: AccountTokenPurpose;
    email: string;
    tokenHash: string;
    now: Date;
    ttlSeconds: number;
    previousEmail?: string;
  }): AccountToken {
    const token = new AccountToken();
    token.id = input.id;
    token.userId = input.userId;
    token.purpose = input.purpose;
    token.email = input.email;
    token.tokenHash = input.tokenHash;
    token.createdAt = input.now;
    token.expiresAt = new Date(input.now.getTime() + input.ttlSeconds * 1000);
    token.usedAt = null;
    token.supersededAt = null;
    token.record({
      type: eventTypes[input.purpose],
      aggregateId: input.userId,
      occurredAt: input.now,
      userId: input.userId,
      email: input.email,
      tokenId: input.id,
      expiresAt: token.expiresAt.toISOString(),
      ...(input.previousEmail ? { previousEmail: input.previousEmail } : {}),
    });
    return token;
  }

  /** Spends the token; a spent, superseded, expired or other-purpose token is refused, whatever it is. */
  redeem(purposes: readonly AccountTokenPurpose[], now: Date): void {
    if (!purposes.includes(this.purpose) || this.usedAt !== null || this.supersededAt !== null || this.expiresAt <= now) {
      throw new InvalidAccountToken();
    }
    this.usedAt = now;
  }
}
