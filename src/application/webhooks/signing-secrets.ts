import type { SealedSecret, SigningSecret } from '../../domain/webhooks/webhook-endpoint';

/** New signing secrets: `whsec_` + base64 of random bytes (Standard Webhooks). */
export abstract class SigningSecrets {
  abstract generate(): SigningSecret;
}

/**
 * Seals a signing secret for the endpoint it belongs to, so that it is stored, and carried by the endpoint, only
 * sealed; the adapter that reads deliveries opens them for the delivery job.
 */
export abstract class SecretSealer {
  abstract seal(secret: SigningSecret, endpointId: string): SealedSecret;
}

/** An endpoint with the secret just generated for it, in clear: the reply that shows it once. */
export interface EndpointWithSecret<Endpoint> {
  readonly endpoint: Endpoint;
  readonly secret: SigningSecret;
}
