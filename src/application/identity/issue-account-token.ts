import { Injectable } from '@nestjs/common';
import { AccountToken, type AccountTokenPurpose } from '../../domain/identity/account-token';
import { EventPublisher } from '../shared/event-publisher';
import { AccountTokenPolicy, TOKEN_MAIL_WINDOW_SECONDS, TOKEN_MAILS_PER_WINDOW } from './account-token-policy';
import { AccountTokenRepository } from './account-token.repository';
import { AccountTokenSecrets } from './account-token-secrets';

/** The purposes whose tokens supersede each other: one address proof open at a time, one reset at a time. */
const SUPERSEDING: Record<AccountTokenPurpose, readonly AccountTokenPurpose[]> = {
  password_reset: ['password_reset'],
  email_verification: ['email_verification', 'email_change'],
  email_change: ['email_verification', 'email_change'],
};

/**
 * Issues a token inside the caller's unit of work: older open tokens of its kind stop working, and the event that
 * mails it commits with it (the mail leaves through the outbox, after the commit, carrying only the token's id).
 */
@Injectable()
export class IssueAccountToken {
  constructor(
    private readonly tokens: AccountTokenRepository,
    private readonly secrets: AccountTokenSecrets,
    private readonly policy: AccountTokenPolicy,
    private readonly events: EventPublisher,
  ) {}

  async issue(input: { userId: string; purpose: AccountTokenPurpose; email: string; now: Date; previousEmail?: string }): Promise<void> {
    await this.tokens.supersedeOpen(input.userId, SUPERSEDING[input.purpose], input.now);
    const { id, hash } = this.secrets.issue();
    const ttlSeconds = input.purpose === 'password_reset' ? this.policy.passwordResetTtlSeconds : this.policy.emailVerificationTtlSeconds;
    const token = AccountToken.issue({ ...input, id, tokenHash: hash, ttlSeconds });
    await this.tokens.add(token);
    await this.events.publish(token.pullEvents());
  }

  /** Seconds until the account may be mailed another token of this kind; 0 when it may now. */
  async waitBeforeNext(userId: string, purpose: AccountTokenPurpose, now: Date): Promise<number> {
    const since = new Date(now.getTime() - TOKEN_MAIL_WINDOW_SECONDS * 1000);
    const issued = await this.tokens.issuedSince(userId, SUPERSEDING[purpose], since);
    if (issued.length < TOKEN_MAILS_PER_WINDOW) return 0;
    // A mail may go once enough of these have left the window to make room for one more.
    const leaving = issued[issued.length - TOKEN_MAILS_PER_WINDOW];
    return Math.max(1, Math.ceil((leaving.getTime() - since.getTime()) / 1000));
  }
}
