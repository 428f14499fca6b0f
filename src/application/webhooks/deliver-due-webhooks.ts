import { Injectable } from '@nestjs/common';
import type { RetrySchedule } from '../../domain/shared/retry-schedule';
import { verdictOf, webhookRetrySchedule } from '../../domain/webhooks/webhook-delivery';
import { DISABLE_AFTER_FAILING_DAYS, failureStreakAt } from '../../domain/webhooks/webhook-endpoint';
import { Clock } from '../shared/clock';
import { attemptDue, leaseMsFor, neverStopping, type Stopping, stoppingOrRunOver } from '../shared/leased-attempts';
import { type AttemptRecord, type ClaimedDelivery, WebhookDeliveries } from './webhook-deliveries';
import { WebhookEndpoints } from './webhook-endpoints';
import { type AttemptOutcome, WebhookMetrics } from './webhook-metrics';
import { type WebhookResponse, WebhookSender } from './webhook-sender';
import { WebhookSettings } from './webhook-settings';

/**
 * Deliveries attempted at once by one instance. A slot is filled by the next claim as soon as it is free, so a slow
 * receiver holds up one slot, not the others.
 */
const CONCURRENCY = 10;

/**
 * Attempts to one endpoint under way at once on one instance: a slow receiver with many deliveries due (a burst, a
 * recovery, an endpoint enabled again after days) holds half of an instance's slots at most, and the other
 * endpoints' deliveries go on with the rest.
 */
export const PER_ENDPOINT = 5;

/** What an attempt comes to when the endpoint's secret cannot be read: never sent unsigned. */
const UNSIGNABLE: WebhookResponse = {
  status: null,
  body: null,
  error: 'Not sent: the signing secret cannot be decrypted with this WEBHOOK_SECRET_KEY; rotate the secret.',
  durationMs: 0,
};

/** A failed attempt, for the log: which delivery and why, never its body or a secret. */
export interface FailedAttempt {
  readonly deliveryId: string;
  readonly endpointId: string;
  readonly eventType: string;
  readonly attempts: number;
  readonly outcome: Exclude<AttemptOutcome, 'delivered'>;
  readonly reason: string;
}

export interface WebhookRunReport {
  readonly delivered: number;
  readonly failures: readonly FailedAttempt[];
}

/**
 * Attempts the deliveries that are due, the way application/shared/leased-attempts.ts says (the mail queue's way):
 * each delivery is claimed and leased on its own just before its attempt (a statement that commits at once, FOR
 * UPDATE SKIP LOCKED, a lease longer than an attempt can take, so across instances each attempt happens once), sent
 * outside any transaction, and its outcome recorded only if no other attempt has claimed it since; only then are the
 * endpoint's health and the metrics updated. A process that dies mid-attempt leaves the lease to run out and the
 * delivery is attempted again: delivery is at least once, with the same `webhook-id`. Once `stopping()` holds, no
 * further delivery is claimed.
 */
@Injectable()
export class DeliverDueWebhooks {
  private readonly schedule: RetrySchedule;
  private readonly longestRetryWaitSeconds: number;

  constructor(
    private readonly deliveries: WebhookDeliveries,
    private readonly endpoints: WebhookEndpoints,
    private readonly sender: WebhookSender,
    private readonly settings: WebhookSettings,
    private readonly metrics: WebhookMetrics,
    private readonly clock: Clock,
  ) {
    this.schedule = webhookRetrySchedule(settings.retryDelaysSeconds);
    this.longestRetryWaitSeconds = Math.max(...settings.retryDelaysSeconds);
  }

  async execute(stopping: Stopping = neverStopping): Promise<WebhookRunReport> {
    let delivered = 0;
    const failures: FailedAttempt[] = [];
    this.metrics.backlogAge(await this.deliveries.backlogAgeSeconds(this.clock.now()));
    const leaseMs = leaseMsFor(this.settings.timeoutMs);
    // This run's attempts under way, by endpoint: runs on one instance never overlap, so these are the instance's.
    const underWay = new Map<string, number>();
    await attemptDue({
      concurrency: CONCURRENCY,
      stopping: stoppingOrRunOver(stopping, this.clock),
      claim: async () => {
        const now = this.clock.now();
        const full = [...underWay].filter(([, attempts]) => attempts >= PER_ENDPOINT).map(([endpointId]) => endpointId);
        const claimed = await this.deliveries.claimNext(now, new Date(now.getTime() + leaseMs), full);
        if (claimed) underWay.set(claimed.endpointId, (underWay.get(claimed.endpointId) ?? 0) + 1);
        return claimed;
      },
      attempt: async (delivery) => {
        try {
          const outcome = await this.attempt(delivery);
          if (outcome === 'delivered') delivered += 1;
          else if (outcome !== 'superseded') failures.push(outcome);
        } finally {
          underWay.set(delivery.endpointId, underWay.get(delivery.endpointId)! - 1);
        }
      },
    });
    return { delivered, failures };
  }

  /** What the attempt came to; 'superseded' when its outcome was not recorded (its lease ran out, another attempt holds the delivery). */
  private async attempt(delivery: ClaimedDelivery): Promise<'delivered' | 'superseded' | FailedAttempt> {
    const at = this.clock.now();
    const response =
      delivery.secrets.length > 0
        ? await this.sender.send({ url: delivery.url, id: delivery.eventId, timestamp: at, body: delivery.body, secrets: delivery.secrets })
        : UNSIGNABLE;
    const attempt: AttemptRecord = { at, responseStatus: response.status, responseBody: response.body, error: response.error, durationMs: response.durationMs };
    const outcome = await this.record(delivery, attempt);
    if (outcome === 'superseded') return outcome;
    this.metrics.attempted(outcome, response.durationMs / 1000);
    if (outcome === 'delivered') return outcome;
    const reason = response.error ?? `answered ${response.status}`;
    return { deliveryId: delivery.id, endpointId: delivery.endpointId, eventType: delivery.eventType, attempts: delivery.attempts, outcome, reason };
  }

  /** Records the outcome, then what it says of the endpoint; neither when the record was fenced off. */
  private async record(delivery: ClaimedDelivery, attempt: AttemptRecord): Promise<AttemptOutcome | 'superseded'> {
    switch (verdictOf(attempt.responseStatus)) {
      case 'delivered':
        if (!(await this.deliveries.recordSuccess(delivery, attempt))) return 'superseded';
        await this.endpoints.markHealthy(delivery.endpointId);
        return 'delivered';
      case 'gone':
        if (!(await this.deliveries.recordFailure(delivery, attempt))) return 'superseded';
        await this.endpoints.disable(delivery.endpointId, `Disabled at ${attempt.at.toISOString()}: the receiver answered 410 Gone.`);
        return 'gone';
      case 'retry': {
        // From when the attempt ended: counted from its start, a wait shorter than the timeout was spent waiting on it.
        // An admin's resend is one attempt: the schedule it had run through does not start again, and one in front of
        // a scheduled attempt leaves that attempt due (recordFailure).
        const next = delivery.resendOf === null ? this.schedule.nextAttemptAfter(delivery.scheduledAttempts, this.clock.now()) : null;
        const recorded = next ? await this.deliveries.recordRetry(delivery, attempt, next) : await this.deliveries.recordFailure(delivery, attempt);
        if (!recorded) return 'superseded';
        const last = attempt.error ?? `answered ${attempt.responseStatus}`;
        const reason = `Disabled at ${attempt.at.toISOString()}: every attempt for ${DISABLE_AFTER_FAILING_DAYS} days has failed (the last: ${last}).`;
        await this.endpoints.markFailing(delivery.endpointId, attempt.at, failureStreakAt(attempt.at, this.longestRetryWaitSeconds), reason);
        return next || delivery.resendOf === 'pending' ? 'retrying' : 'failed';
      }
    }
  }
}
