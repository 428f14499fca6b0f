import { Injectable } from '@nestjs/common';
import { WebhookEndpointNotFound } from '../../domain/webhooks/webhooks.errors';
import { WebhookEndpoints } from './webhook-endpoints';

/** The endpoint and its delivery history go; nothing more is sent to it. */
@Injectable()
export class DeleteWebhookEndpoint {
  constructor(private readonly endpoints: WebhookEndpoints) {}

  async execute(id: string): Promise<void> {
    if (!(await this.endpoints.remove(id))) throw new WebhookEndpointNotFound(id);
  }
}
