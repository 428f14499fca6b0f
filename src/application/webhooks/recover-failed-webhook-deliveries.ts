import { Injectable } from '@nestjs/common';
import { recoverySince } from '../../domain/webhooks/webhook-delivery';
import { Clock } from '../shared/clock';
import { enabledEndpoint } from './enabled-endpoint';
import { WebhookDeliveries } from './webhook-deliveries';
import { WebhookEndpoints } from './webhook-endpoints';

/**
 * After a receiver's outage: every delivery to the endpoint given up since `since` (its last attempt at or after it)
 * gets one more attempt, made by the delivery job as it makes any due attempt, oldest first and paced (see
 * `WebhookDeliveries.recoverFailed`). Each is an admin's retry: one attempt, with the same `webhook-id`; one it does
 * not deliver is failed again, not retried on the schedule.
 */
@Injectable()
export class RecoverFailedWebhookDeliveries {
  constructor(
    private readonly endpoints: WebhookEndpoints,
    private readonly deliveries: WebhookDeliveries,
    private readonly clock: Clock,
  ) {}

  /** How many deliveries were made due. */
  async execute(endpointId: string, since: Date): Promise<number> {
    await enabledEndpoint(this.endpoints, endpointId);
    const now = this.clock.now();
    return this.deliveries.recoverFailed(endpointId, recoverySince(since, now), now);
  }
}
