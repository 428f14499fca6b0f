import { Injectable } from '@nestjs/common';
import { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint';
import { Clock } from '../shared/clock';
import { type EndpointWithSecret, SecretSealer, SigningSecrets } from './signing-secrets';
import { WebhookDestinations } from './webhook-destinations';
import { WebhookEndpoints } from './webhook-endpoints';
import { WebhookSettings } from './webhook-settings';

export interface RegisterWebhookEndpointInput {
  url: string;
  events: readonly string[];
  description?: string | null;
}

/** An admin registers a receiver; its signing secret is generated here, sealed for storage, and shown once, in the reply. */
@Injectable()
export class RegisterWebhookEndpoint {
  constructor(
    private readonly endpoints: WebhookEndpoints,
    private readonly destinations: WebhookDestinations,
    private readonly secrets: SigningSecrets,
    private readonly sealer: SecretSealer,
    private readonly settings: WebhookSettings,
    private readonly clock: Clock,
  ) {}

  async execute(input: RegisterWebhookEndpointInput): Promise<EndpointWithSecret<WebhookEndpoint>> {
    const id = this.endpoints.nextId();
    const secret = this.secrets.generate();
    const endpoint = WebhookEndpoint.register({
      id,
      ...input,
      secret: this.sealer.seal(secret, id),
      now: this.clock.now(),
      allowHttp: this.settings.allowHttp,
    });
    await this.destinations.assertAllowed(endpoint.url);
    await this.endpoints.add(endpoint);
    return { endpoint, secret };
  }
}
