import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { type AttemptOutcome, WebhookMetrics } from '../../application/webhooks/webhook-metrics';

/** Webhook figures in the app's Prometheus registry (GET /metrics). */
@Injectable()
export class PrometheusWebhookMetrics extends WebhookMetrics {
  private readonly attempts: Counter<'outcome'>;
  private readonly latency: Histogram<'outcome'>;
  private readonly backlog: Gauge;

  constructor(registry: Registry) {
    super();
    this.attempts = new Counter({
      name: 'webhook_delivery_attempts_total',
      help: 'Webhook delivery attempts by outcome: delivered, retrying, failed (given up) or gone (410, endpoint disabled)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.latency = new Histogram({
      name: 'webhook_delivery_attempt_duration_seconds',
      help: 'How long a webhook delivery attempt took, connection and answer included',
      labelNames: ['outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.backlog = new Gauge({
      name: 'webhook_backlog_age_seconds',
      help: 'How long the oldest due webhook delivery has waited for its attempt (0 when none is due), as this instance last saw it',
      registers: [registry],
    });
  }

  attempted(outcome: AttemptOutcome, seconds: number): void {
    this.attempts.inc({ outcome });
    this.latency.observe({ outcome }, seconds);
  }

  backlogAge(seconds: number): void {
    this.backlog.set(seconds);
  }
}
