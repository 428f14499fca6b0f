import { Injectable } from '@nestjs/common';
import type { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint';
import { WebhookEndpointNotFound } from '../../domain/webhooks/webhooks.errors';
import { Clock } from '../shared/clock';
import { UnitOfWork } from '../shared/unit-of-work';
import { type EndpointWithSecret, SecretSealer, SigningSecrets } from './signing-secrets';
import { WebhookEndpoints } from './webhook-endpoints';

/**
 * A new signing secret, shown once; those rotated away keep signing beside it for a day while receivers switch. Under
 * the endpoint's row lock: two rotations at once both keep signing, one after the other, and lose no secret.
 */
@Injectable()
export class RotateWebhookSecret {
  constructor(
    private readonly endpoints: WebhookEndpoints,
    private readonly secrets: SigningSecrets,
    private readonly sealer: SecretSealer,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(id: string): Promise<EndpointWithSecret<WebhookEndpoint>> {
    return this.uow.run(async () => {
      const endpoint = await this.endpoints.byIdForUpdate(id);
      if (!endpoint) throw new WebhookEndpointNotFound(id);
      const secret = this.secrets.generate();
      endpoint.rotateSecret(this.sealer.seal(secret, id), this.clock.now());
      await this.endpoints.save(endpoint);
      return { endpoint, secret };
    });
  }
}
