import { Injectable } from '@nestjs/common';
import type { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint';
import type { Page, PageRequest } from '../shared/page';
import { WebhookEndpoints } from './webhook-endpoints';

@Injectable()
export class ListWebhookEndpoints {
  constructor(private readonly endpoints: WebhookEndpoints) {}

  execute(request: PageRequest): Promise<Page<WebhookEndpoint>> {
    return this.endpoints.page(request);
  }
}
