import { MikroORM } from '@mikro-orm/core';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DeliverDueWebhooks } from '../../application/webhooks/deliver-due-webhooks';
import { AppConfig } from '../../infrastructure/config/app-config';
import { PeriodicJob } from '../../infrastructure/scheduling/periodic-job';

/**
 * Attempts due webhook deliveries every WEBHOOK_DELIVERY_INTERVAL_MS on every instance; logs each failed attempt by
 * delivery, endpoint and reason, never a body, a URL (it may carry a receiver's token) or a secret.
 */
@Injectable()
export class WebhookDeliveryScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly job: PeriodicJob;
  private readonly logger = new Logger('WebhookDelivery');

  constructor(
    private readonly config: AppConfig,
    orm: MikroORM,
    deliverDueWebhooks: DeliverDueWebhooks,
  ) {
    this.job = new PeriodicJob('WebhookDelivery', orm, () => this.deliver(deliverDueWebhooks), (n) => `Delivered ${n} webhook(s)`);
  }

  onApplicationBootstrap(): void {
    this.job.start(this.config.webhooks.deliveryIntervalMs / 1000);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  private async deliver(deliverDueWebhooks: DeliverDueWebhooks): Promise<number> {
    const { delivered, failures } = await deliverDueWebhooks.execute();
    for (const { deliveryId, endpointId, eventType, attempts, outcome, reason } of failures) {
      this.logger.warn({ webhook: { deliveryId, endpointId, eventType, attempts, outcome } }, `Webhook ${eventType} (${deliveryId}) not delivered, ${outcome}: ${reason}`);
    }
    return delivered;
  }
}
