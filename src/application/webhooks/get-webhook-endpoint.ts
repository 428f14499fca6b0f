import { Injectable } from '@nestjs/common';
import type { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint';
import { WebhookEndpointNotFound } from '../../domain/webhooks/webhooks.errors';
import { WebhookEndpoints } from './webhook-endpoints';

@Injectable()
export class GetWebhookEndpoint {
  constructor(private readonly endpoints: WebhookEndpoints) {}

  async execute(id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.byId(id);
    if (!endpoint) throw new WebhookEndpointNotFound(id);
    return endpoint;
  }
}
