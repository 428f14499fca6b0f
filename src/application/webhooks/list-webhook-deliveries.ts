import { Injectable } from '@nestjs/common';
import { WebhookEndpointNotFound } from '../../domain/webhooks/webhooks.errors';
import type { Page, PageRequest } from '../shared/page';
import { type DeliveryView, WebhookDeliveries } from './webhook-deliveries';
import { WebhookEndpoints } from './webhook-endpoints';

/** An endpoint's deliveries, newest first, with what the last attempt came to. */
@Injectable()
export class ListWebhookDeliveries {
  constructor(
    private readonly endpoints: WebhookEndpoints,
    private readonly deliveries: WebhookDeliveries,
  ) {}

  async execute(endpointId: string, request: PageRequest): Promise<Page<DeliveryView>> {
    if (!(await this.endpoints.byId(endpointId))) throw new WebhookEndpointNotFound(endpointId);
    return this.deliveries.pageOf(endpointId, request);
  }
}
