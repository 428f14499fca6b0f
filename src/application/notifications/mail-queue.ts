import type { LeasedAttempt } from '../shared/leased-attempts';

/** A mail to send later: `key` makes queueing idempotent (e.g. `${eventId}:${template}`); params hold no secret. */
export interface QueuedMail {
  key: string;
  template: string;
  to: string;
  params: Readonly<Record<string, unknown>>;
}

/** A queued mail claimed for one delivery attempt; `attempts` counts this one. */
export interface ClaimedMail extends QueuedMail, LeasedAttempt {}

/**
 * The mails waiting to leave, in a table of their own: an SMTP outage delays mails, never the domain-event relay
 * that queues them. Leased one at a time for one attempt, as application/shared/leased-attempts.ts describes.
 */
export abstract class MailQueue {
  /** Queues the mails, except those whose key is queued already: a redelivered event queues nothing twice. */
  abstract enqueue(mails: readonly QueuedMail[]): Promise<void>;

  /**
   * Claims the pending mail due longest at `now`, leased until `leaseUntil` (no other instance claims it meanwhile),
   * in a statement that commits at once; undefined when none is due.
   */
  abstract claimNext(now: Date, leaseUntil: Date): Promise<ClaimedMail | undefined>;

  /**
   * The outcome of a claimed attempt: sent; pending again from `at`; or given up. Each is a no-op, answering false,
   * when the lease ran out and the mail has been claimed again since.
   */
  abstract markSent(mail: ClaimedMail, sentAt: Date): Promise<boolean>;
  abstract retryAt(mail: ClaimedMail, at: Date, error: string): Promise<boolean>;
  abstract markFailed(mail: ClaimedMail, error: string): Promise<boolean>;

  /** Deletes the sent and given-up mails finished before `before`; answers how many. */
  abstract purgeFinished(before: Date): Promise<number>;
}
