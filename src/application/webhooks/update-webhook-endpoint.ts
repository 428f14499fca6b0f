import { Injectable } from '@nestjs/common';
import type { EndpointChanges, WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint';
import { checkWebhookUrl } from '../../domain/webhooks/webhook-url';
import { WebhookEndpointNotFound } from '../../domain/webhooks/webhooks.errors';
import { Clock } from '../shared/clock';
import { UnitOfWork } from '../shared/unit-of-work';
import { WebhookDestinations } from './webhook-destinations';
import { WebhookEndpoints } from './webhook-endpoints';
import { WebhookSettings } from './webhook-settings';

/**
 * An admin changes an endpoint's URL (checked again like a new one), events, description, or turns it on or off.
 * The endpoint is read and written under its row lock, so what the delivery job changes meanwhile (a 410 disables
 * it, failures start a streak) is neither overwritten nor undone by an edit that did not ask for it. A new URL's
 * host is resolved before the lock is taken.
 */
@Injectable()
export class UpdateWebhookEndpoint {
  constructor(
    private readonly endpoints: WebhookEndpoints,
    private readonly destinations: WebhookDestinations,
    private readonly settings: WebhookSettings,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, changes: EndpointChanges): Promise<WebhookEndpoint> {
    if (changes.url !== undefined) await this.destinations.assertAllowed(checkWebhookUrl(changes.url, { allowHttp: this.settings.allowHttp }));
    return this.uow.run(async () => {
      const endpoint = await this.endpoints.byIdForUpdate(id);
      if (!endpoint) throw new WebhookEndpointNotFound(id);
      endpoint.change(changes, this.clock.now(), { allowHttp: this.settings.allowHttp });
      await this.endpoints.save(endpoint);
      return endpoint;
    });
  }
}
