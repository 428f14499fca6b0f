import type { DeliveryStatus } from '../../domain/webhooks/webhook-delivery';
import type { SigningSecret } from '../../domain/webhooks/webhook-endpoint';
import type { LeasedAttempt } from '../shared/leased-attempts';
import type { Page, PageRequest } from '../shared/page';

/** An event on its way out: `eventId` is the `webhook-id` of every attempt, to every endpoint. */
export interface OutgoingEvent {
  readonly eventId: string;
  readonly type: string;
  readonly body: string;
}

/** A delivery claimed for one attempt; `attempts` counts this one. */
export interface ClaimedDelivery extends LeasedAttempt {
  readonly endpointId: string;
  readonly url: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly body: string;
  /** When the delivery was due: how long it waited is the backlog's age. */
  readonly dueAt: Date;
  /**
   * For an admin's retry, where a failed one returns the delivery: a finished delivery to the status it had, a pending
   * one to the scheduled attempt the retry stepped in front of. Null for an attempt of the schedule.
   */
  readonly resendOf: 'succeeded' | 'failed' | 'pending' | null;
  /** The attempts the schedule made, this one included if it is one: its delays and when it gives up go by these. */
  readonly scheduledAttempts: number;
  /**
   * The endpoint's signing secrets at the time of the attempt, opened (the current one, and those rotated away in
   * the last 24 hours); none when they cannot be decrypted (WEBHOOK_SECRET_KEY changed), and then nothing may be sent.
   */
  readonly secrets: readonly SigningSecret[];
}

/** What one attempt came to, as the admin sees it afterwards. */
export interface AttemptRecord {
  readonly at: Date;
  /** The receiver's status; null when there was no answer (timeout, refused connection or destination). */
  readonly responseStatus: number | null;
  /** The first KEPT_RESPONSE_BYTES of the answer. */
  readonly responseBody: string | null;
  /** Why there was no answer, for the admin. */
  readonly error: string | null;
  readonly durationMs: number;
}

export interface DeliveryView {
  readonly id: string;
  readonly endpointId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly lastAttempt: AttemptRecord | null;
  readonly nextAttemptAt: Date | null;
  readonly createdAt: Date;
  readonly deliveredAt: Date | null;
}

/**
 * The webhook outbox: one delivery per event and endpoint. Queueing joins the caller's transaction (the relay's, for
 * the event handler, when handlers run in-process); the delivery job's statements each commit on their own, so no
 * transaction stays open across an HTTP call. Leased one at a time for one attempt, as
 * application/shared/leased-attempts.ts describes.
 */
export abstract class WebhookDeliveries {
  /** A new time-ordered id, e.g. for the event of a test delivery. */
  abstract nextId(): string;

  /**
   * One delivery per event and enabled endpoint subscribed to its type, due at `now`; an event queued before
   * (a redelivery) queues nothing again.
   */
  abstract enqueueForSubscribers(events: readonly OutgoingEvent[], now: Date): Promise<void>;

  /**
   * One delivery to one enabled endpoint, whatever it subscribes to (the test event); undefined, queueing nothing,
   * when the endpoint is gone or disabled (even if that happened a moment ago).
   */
  abstract enqueueTo(endpointId: string, event: OutgoingEvent, now: Date): Promise<DeliveryView | undefined>;

  /**
   * Claims the pending delivery to an enabled endpoint due longest at `now`, leased until `leaseUntil` (no other
   * instance claims it meanwhile), in a statement that commits at once; undefined when none is due. The pending
   * deliveries of a disabled endpoint are not even looked at: they wait until it is enabled again. Those of the
   * endpoints in `passOver` (as many attempts under way as they may have) are passed over.
   */
  abstract claimNext(now: Date, leaseUntil: Date, passOver: readonly string[]): Promise<ClaimedDelivery | undefined>;

  /**
   * The outcome of a claimed attempt. A no-op answering false when the lease ran out and another attempt has been
   * claimed since: that attempt's outcome is the one that counts.
   */
  abstract recordSuccess(delivery: ClaimedDelivery, attempt: AttemptRecord): Promise<boolean>;
  abstract recordRetry(delivery: ClaimedDelivery, attempt: AttemptRecord, nextAttemptAt: Date): Promise<boolean>;
  /** Given up; a resend (`resendOf`) that failed leaves the delivery where it was before it, this attempt recorded. */
  abstract recordFailure(delivery: ClaimedDelivery, attempt: AttemptRecord): Promise<boolean>;

  /**
   * How long the oldest delivery that could be attempted at `now` has been waiting, in seconds (0 when none): due,
   * to an enabled endpoint, and not under an attempt's lease.
   */
  abstract backlogAgeSeconds(now: Date): Promise<number>;

  /** Deletes the deliveries finished (delivered or given up) before `before`; answers how many. */
  abstract purgeFinished(before: Date): Promise<number>;

  /** Newest first. */
  abstract pageOf(endpointId: string, request: PageRequest): Promise<Page<DeliveryView>>;

  /**
   * Makes the delivery pending and due at `now`; one already finished keeps the status it had as `resendOf`, and a
   * pending one due later its scheduled attempt (`resendOf` 'pending'). Undefined when the endpoint has no such
   * delivery; 'in-progress' while an attempt holds its lease.
   */
  abstract retryNow(endpointId: string, deliveryId: string, now: Date): Promise<DeliveryView | 'in-progress' | undefined>;

  /**
   * Makes every delivery of the endpoint given up (failed) at or after `since` pending again, for one more attempt each
   * as `retryNow` makes one (a failed resend returns it to failed): due from `now` on, oldest first, paced so that
   * deliveries queued meanwhile, to any endpoint, are not all kept waiting behind them. Answers how many.
   */
  abstract recoverFailed(endpointId: string, since: Date, now: Date): Promise<number>;
}
