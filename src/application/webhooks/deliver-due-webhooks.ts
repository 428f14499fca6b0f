import { Injectable } from '@nestjs/common';
import type { RetrySchedule } from '../../domain/shared/retry-schedule';
import { verdictOf, webhookRetrySchedule } from '../../domain/webhooks/webhook-delivery';
import { DISABLE_AFTER_FAILING_DAYS, failingTooLongBefore } from '../../domain/webhooks/webhook-endpoint';
import { Clock } from '../shared/clock';
import { type AttemptRecord, type ClaimedDelivery, WebhookDeliveries } from './webhook-deliveries';
import { WebhookEndpoints } from './webhook-endpoints';
import { type AttemptOutcome, WebhookMetrics } from './webhook-metrics';
import { type WebhookResponse, WebhookSender } from './webhook-sender';
import { WebhookSettings } from './webhook-settings';

/** Deliveries attempted at once by one instance: one slow receiver does not hold up the others. */
const BATCH = 10;

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
 * Attempts the deliveries that are due, the mail queue's shape: each batch is claimed in one statement that commits
 * at once (FOR UPDATE SKIP LOCKED, a lease longer than an attempt can take, so across instances each attempt happens
 * once), then sent outside any transaction, and its outcome recorded. A process that dies mid-attempt leaves the lease
 * to run out and the delivery is attempted again: delivery is at least once, with the same `webhook-id`.
 */
@Injectable()
export class DeliverDueWebhooks {
  private readonly schedule: RetrySchedule;

  constructor(
    private readonly deliveries: WebhookDeliveries,
    private readonly endpoints: WebhookEndpoints,
    private readonly sender: WebhookSender,
    private readonly settings: WebhookSettings,
    private readonly metrics: WebhookMetrics,
    private readonly clock: Clock,
  ) {
    this.schedule = webhookRetrySchedule(settings.retryDelaysSeconds);
  }

  async execute(): Promise<WebhookRunReport> {
    let delivered = 0;
    const failures: FailedAttempt[] = [];
    this.metrics.backlogAge(await this.deliveries.backlogAgeSeconds(this.clock.now()));
    for (let claimed = BATCH; claimed === BATCH; ) {
      const now = this.clock.now();
      const due = await this.deliveries.claimDue(now, new Date(now.getTime() + this.leaseMs()), BATCH);
      for (const failure of await Promise.all(due.map((delivery) => this.attempt(delivery)))) {
        if (failure) failures.push(failure);
        else delivered += 1;
      }
      claimed = due.length;
    }
    return { delivered, failures };
  }

  /** Twice the longest an attempt may take, plus time for the database: a live attempt never loses its lease. */
  private leaseMs(): number {
    return 2 * this.settings.timeoutMs + 10_000;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<FailedAttempt | undefined> {
    const at = this.clock.now();
    const response =
      delivery.secrets.length > 0
        ? await this.sender.send({ url: delivery.url, id: delivery.eventId, timestamp: at, body: delivery.body, secrets: delivery.secrets })
        : UNSIGNABLE;
    const attempt: AttemptRecord = { at, responseStatus: response.status, responseBody: response.body, error: response.error, durationMs: response.durationMs };
    const outcome = await this.record(delivery, attempt);
    this.metrics.attempted(outcome, response.durationMs / 1000);
    if (outcome === 'delivered') return undefined;
    const reason = response.error ?? `answered ${response.status}`;
    return { deliveryId: delivery.id, endpointId: delivery.endpointId, eventType: delivery.eventType, attempts: delivery.attempts, outcome, reason };
  }

  private async record(delivery: ClaimedDelivery, attempt: AttemptRecord): Promise<AttemptOutcome> {
    switch (verdictOf(attempt.responseStatus)) {
      case 'delivered':
        await this.deliveries.recordSuccess(delivery, attempt);
        await this.endpoints.markHealthy(delivery.endpointId);
        return 'delivered';
      case 'gone':
        await this.deliveries.recordFailure(delivery, attempt);
        await this.endpoints.disable(delivery.endpointId, `Disabled at ${attempt.at.toISOString()}: the receiver answered 410 Gone.`);
        return 'gone';
      case 'retry': {
        const next = this.schedule.nextAttemptAfter(delivery.attempts, attempt.at);
        if (next) await this.deliveries.recordRetry(delivery, attempt, next);
        else await this.deliveries.recordFailure(delivery, attempt);
        const last = attempt.error ?? `answered ${attempt.responseStatus}`;
        const reason = `Disabled at ${attempt.at.toISOString()}: every attempt for ${DISABLE_AFTER_FAILING_DAYS} days has failed (the last: ${last}).`;
        await this.endpoints.markFailing(delivery.endpointId, attempt.at, failingTooLongBefore(attempt.at), reason);
        return next ? 'retrying' : 'failed';
      }
    }
  }
}
