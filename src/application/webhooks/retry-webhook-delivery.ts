import { Injectable } from '@nestjs/common';
import { WebhookDeliveryInProgress, WebhookDeliveryNotFound } from '../../domain/webhooks/webhooks.errors';
import { Clock } from '../shared/clock';
import { enabledEndpoint } from './enabled-endpoint';
import { type DeliveryView, WebhookDeliveries } from './webhook-deliveries';
import { WebhookEndpoints } from './webhook-endpoints';

/**
 * One more attempt now, whatever the delivery's state (a failed one gets one attempt, a pending one stops waiting,
 * a delivered one is sent again with the same `webhook-id`), made by the delivery job within its interval. A
 * failed or delivered one that this attempt does not deliver is as it was: failed, or delivered, not retried again.
 */
@Injectable()
export class RetryWebhookDelivery {
  constructor(
    private readonly endpoints: WebhookEndpoints,
    private readonly deliveries: WebhookDeliveries,
    private readonly clock: Clock,
  ) {}

  async execute(endpointId: string, deliveryId: string): Promise<DeliveryView> {
    await enabledEndpoint(this.endpoints, endpointId);
    const delivery = await this.deliveries.retryNow(endpointId, deliveryId, this.clock.now());
    if (delivery === undefined) throw new WebhookDeliveryNotFound(deliveryId);
    if (delivery === 'in-progress') throw new WebhookDeliveryInProgress(deliveryId);
    return delivery;
  }
}
