import { Injectable } from '@nestjs/common';
import { webhookBody } from '../../domain/webhooks/webhook-delivery';
import { TEST_EVENT_TYPE } from '../../domain/webhooks/webhook-event-types';
import { WebhookEndpointDisabled, WebhookEndpointNotFound } from '../../domain/webhooks/webhooks.errors';
import { Clock } from '../shared/clock';
import { type DeliveryView, WebhookDeliveries } from './webhook-deliveries';
import { WebhookEndpoints } from './webhook-endpoints';

/** Queues a `webhook.test` event to one endpoint, delivered, signed and retried like any other. */
@Injectable()
export class SendTestWebhook {
  constructor(
    private readonly endpoints: WebhookEndpoints,
    private readonly deliveries: WebhookDeliveries,
    private readonly clock: Clock,
  ) {}

  async execute(endpointId: string): Promise<DeliveryView> {
    const now = this.clock.now();
    const eventId = this.deliveries.nextId();
    const body = webhookBody(TEST_EVENT_TYPE, now, { endpointId, message: 'A test event sent from the admin API.' });
    const queued = await this.deliveries.enqueueTo(endpointId, { eventId, type: TEST_EVENT_TYPE, body }, now);
    if (queued) return queued;
    // Nothing queued: the endpoint is gone or disabled, perhaps a moment ago. Which one decides the answer.
    const endpoint = await this.endpoints.byId(endpointId);
    if (!endpoint) throw new WebhookEndpointNotFound(endpointId);
    throw new WebhookEndpointDisabled(endpointId);
  }
}
