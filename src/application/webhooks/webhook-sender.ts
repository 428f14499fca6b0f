import type { SigningSecret } from '../../domain/webhooks/webhook-endpoint';

/** One signed POST of a delivery. */
export interface WebhookRequest {
  readonly url: string;
  /** `webhook-id`: the same on every attempt, so receivers can drop a delivery they already handled. */
  readonly id: string;
  readonly timestamp: Date;
  readonly body: string;
  readonly secrets: readonly SigningSecret[];
}

export interface WebhookResponse {
  /** Null when nothing answered: a timeout, a refused connection or destination. */
  readonly status: number | null;
  readonly body: string | null;
  readonly error: string | null;
  readonly durationMs: number;
}

/**
 * Sends a delivery over HTTP, signed as Standard Webhooks says. Never throws: whatever went wrong is the response's
 * `error`. Refuses, at connection time, a destination the registration check would have refused.
 */
export abstract class WebhookSender {
  abstract send(request: WebhookRequest): Promise<WebhookResponse>;
}
