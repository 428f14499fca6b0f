import { MikroORM } from '@mikro-orm/core';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Stopping } from '../../application/shared/leased-attempts';
import { DeliverDueWebhooks } from '../../application/webhooks/deliver-due-webhooks';
import { PurgeFinishedWebhookDeliveries } from '../../application/webhooks/purge-finished-webhook-deliveries';
import { AppConfig } from '../../infrastructure/config/app-config';
import { PeriodicJob } from '../../infrastructure/scheduling/periodic-job';

/**
 * Attempts due webhook deliveries every WEBHOOK_DELIVERY_INTERVAL_MS on every instance; logs each failed attempt by
 * delivery, endpoint and reason, never a body, a URL (it may carry a receiver's token) or a secret. Deletes delivered
 * and given-up deliveries after EVENT_RETENTION_DAYS (every ten minutes, like the outbox's purge).
 */
@Injectable()
export class WebhookDeliveryScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly job: PeriodicJob;
  readonly purge: PeriodicJob;
  private readonly logger = new Logger('WebhookDelivery');

  constructor(
    private readonly config: AppConfig,
    orm: MikroORM,
    deliverDueWebhooks: DeliverDueWebhooks,
    purgeFinished: PurgeFinishedWebhookDeliveries,
  ) {
    this.job = new PeriodicJob('WebhookDelivery', orm, (stopping) => this.deliver(deliverDueWebhooks, stopping), (n) => `Delivered ${n} webhook(s)`);
    const { retentionDays } = config.events;
    this.purge = new PeriodicJob('WebhookPurge', orm, () => purgeFinished.execute(retentionDays), (n) => `Forgot ${n} finished webhook deliveries`);
  }

  onApplicationBootstrap(): void {
    this.job.start(this.config.webhooks.deliveryIntervalMs / 1000);
    this.purge.start(600);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.job.stop(), this.purge.stop()]);
  }

  private async deliver(deliverDueWebhooks: DeliverDueWebhooks, stopping: Stopping): Promise<number> {
    const { delivered, failures } = await deliverDueWebhooks.execute(stopping);
    for (const { deliveryId, endpointId, eventType, attempts, outcome, reason } of failures) {
      this.logger.warn({ webhook: { deliveryId, endpointId, eventType, attempts, outcome } }, `Webhook ${eventType} (${deliveryId}) not delivered, ${outcome}: ${reason}`);
    }
    return delivered;
  }
}
