import { Injectable } from '@nestjs/common';
import type { EndpointChanges, WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint';
import { WebhookEndpointNotFound } from '../../domain/webhooks/webhooks.errors';
import { Clock } from '../shared/clock';
import { WebhookDestinations } from './webhook-destinations';
import { WebhookEndpoints } from './webhook-endpoints';
import { WebhookSettings } from './webhook-settings';

/** An admin changes an endpoint's URL (checked again like a new one), events, description, or turns it on or off. */
@Injectable()
export class UpdateWebhookEndpoint {
  constructor(
    private readonly endpoints: WebhookEndpoints,
    private readonly destinations: WebhookDestinations,
    private readonly settings: WebhookSettings,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, changes: EndpointChanges): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.byId(id);
    if (!endpoint) throw new WebhookEndpointNotFound(id);
    endpoint.change(changes, this.clock.now(), { allowHttp: this.settings.allowHttp });
    if (changes.url !== undefined) await this.destinations.assertAllowed(endpoint.url);
    await this.endpoints.save(endpoint);
    return endpoint;
  }
}
