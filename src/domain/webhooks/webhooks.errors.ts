import { DomainError } from '../shared/domain-error';

/** The endpoint's URL, events or description break a rule; the message says which. */
export class InvalidWebhookEndpoint extends DomainError {
  readonly code = 'invalid-webhook-endpoint';
  readonly kind = 'invalid';
}

/** The URL points at this network (loopback, private, link-local, metadata...): refused so it cannot be used to probe it. */
export class WebhookDestinationRefused extends DomainError {
  readonly code = 'webhook-destination-refused';
  readonly kind = 'invalid';
}

export class WebhookEndpointNotFound extends DomainError {
  readonly code = 'webhook-endpoint-not-found';
  readonly kind = 'not_found';
  constructor(id: string) {
    super(`No webhook endpoint ${id}.`);
  }
}

export class WebhookDeliveryNotFound extends DomainError {
  readonly code = 'webhook-delivery-not-found';
  readonly kind = 'not_found';
  constructor(id: string) {
    super(`No delivery ${id} for this webhook endpoint.`);
  }
}

export class WebhookEndpointDisabled extends DomainError {
  readonly code = 'webhook-endpoint-disabled';
  readonly kind = 'conflict';
  constructor(id: string) {
    super(`Webhook endpoint ${id} is disabled: enable it (PATCH enabled: true) before sending to it.`);
  }
}

export class WebhookDeliveryInProgress extends DomainError {
  readonly code = 'webhook-delivery-in-progress';
  readonly kind = 'conflict';
  constructor(id: string) {
    super(`Delivery ${id} is being attempted right now; ask again once the attempt has ended.`);
  }
}

/** A recovery's `since` is not an instant of the past; the message says why. */
export class InvalidRecoveryWindow extends DomainError {
  readonly code = 'invalid-recovery-window';
  readonly kind = 'invalid';
}
