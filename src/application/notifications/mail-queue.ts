/** A mail to send later: `key` makes queueing idempotent (e.g. `${eventId}:${template}`); params hold no secret. */
export interface QueuedMail {
  key: string;
  template: string;
  to: string;
  params: Readonly<Record<string, unknown>>;
}

/** A queued mail claimed for one delivery attempt; `attempts` counts this one. */
export interface ClaimedMail extends QueuedMail {
  readonly id: string;
  readonly attempts: number;
}

/**
 * The mails waiting to leave, in a table of their own: an SMTP outage delays mails, never the domain-event relay
 * that queues them.
 */
export abstract class MailQueue {
  /** Queues the mails, except those whose key is queued already: a redelivered event queues nothing twice. */
  abstract enqueue(mails: readonly QueuedMail[]): Promise<void>;

  /**
   * Claims up to `limit` pending mails due at `now`, each leased until `leaseUntil` (no other instance claims it
   * meanwhile), in a statement that commits at once.
   */
  abstract claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMail[]>;

  abstract markSent(id: string, sentAt: Date): Promise<void>;

  /** The attempt failed: pending again from `at`. */
  abstract retryAt(id: string, at: Date, error: string): Promise<void>;

  /** The last attempt failed: the mail is given up. */
  abstract markFailed(id: string, error: string): Promise<void>;
}
