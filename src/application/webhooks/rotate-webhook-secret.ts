import { Injectable } from '@nestjs/common';
import type { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint';
import { WebhookEndpointNotFound } from '../../domain/webhooks/webhooks.errors';
import { Clock } from '../shared/clock';
import { SigningSecrets } from './signing-secrets';
import { WebhookEndpoints } from './webhook-endpoints';

/** A new signing secret, shown once; the old one keeps signing beside it for a day while receivers switch. */
@Injectable()
export class RotateWebhookSecret {
  constructor(
    private readonly endpoints: WebhookEndpoints,
    private readonly secrets: SigningSecrets,
    private readonly clock: Clock,
  ) {}

  async execute(id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.byId(id);
    if (!endpoint) throw new WebhookEndpointNotFound(id);
    endpoint.rotateSecret(this.secrets.generate(), this.clock.now());
    await this.endpoints.save(endpoint);
    return endpoint;
  }
}
