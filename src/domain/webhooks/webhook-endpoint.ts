import { checkWebhookUrl } from './webhook-url';
import { isWebhookEventType, type WebhookEventType } from './webhook-event-types';
import { InvalidWebhookEndpoint } from './webhooks.errors';

/** After a rotation the old secret keeps signing this long, so receivers can switch without losing a delivery. */
export const SECRET_OVERLAP_HOURS = 24;
/** An endpoint whose every attempt has failed for this long is disabled, saying why. */
export const DISABLE_AFTER_FAILING_DAYS = 5;
export const MAX_DESCRIPTION_LENGTH = 500;
/** Standard Webhooks secrets read `whsec_` + base64 of the key bytes. */
export const SIGNING_SECRET_PREFIX = 'whsec_';

export interface EndpointChanges {
  url?: string;
  events?: readonly string[];
  description?: string | null;
  enabled?: boolean;
}

/** Where a receiver wants which events, signed with its secret. Secrets are `whsec_` + base64 (Standard Webhooks). */
export class WebhookEndpoint {
  id: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  enabled: boolean;
  /** Why the endpoint was disabled (by an admin, a 410, or five days of failures); null while enabled. */
  disabledReason: string | null;
  /**
   * In clear (`whsec_...`) only when just generated, to be shown once; an endpoint loaded from storage carries it as
   * stored (sealed), since nothing but the delivery job needs it in clear.
   */
  secret: string;
  /** The secret before the last rotation, still signing until `previousSecretExpiresAt`. */
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  /** When the first of the failed attempts since the last success happened; null when the last attempt succeeded. */
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;

  static register(input: { id: string; url: string; events: readonly string[]; description?: string | null; secret: string; now: Date; allowHttp: boolean }): WebhookEndpoint {
    const endpoint = new WebhookEndpoint();
    endpoint.id = input.id;
    endpoint.url = checkWebhookUrl(input.url, input);
    endpoint.events = checkEvents(input.events);
    endpoint.description = checkDescription(input.description);
    endpoint.enabled = true;
    endpoint.disabledReason = null;
    endpoint.secret = input.secret;
    endpoint.previousSecret = null;
    endpoint.previousSecretExpiresAt = null;
    endpoint.failingSince = null;
    endpoint.createdAt = input.now;
    endpoint.updatedAt = input.now;
    return endpoint;
  }

  /** An admin's edit. Enabling again clears the reason and the failure streak: the next failure starts a new one. */
  change(changes: EndpointChanges, now: Date, options: { allowHttp: boolean }): void {
    if (changes.url !== undefined) this.url = checkWebhookUrl(changes.url, options);
    if (changes.events !== undefined) this.events = checkEvents(changes.events);
    if (changes.description !== undefined) this.description = checkDescription(changes.description);
    if (changes.enabled === true && !this.enabled) {
      this.enabled = true;
      this.disabledReason = null;
      this.failingSince = null;
    } else if (changes.enabled === false && this.enabled) {
      this.enabled = false;
      this.disabledReason = 'Disabled by an admin.';
    }
    this.updatedAt = now;
  }

  /** A new secret signs from now on; the current one keeps signing beside it for SECRET_OVERLAP_HOURS. */
  rotateSecret(secret: string, now: Date): void {
    this.previousSecret = this.secret;
    this.previousSecretExpiresAt = new Date(now.getTime() + SECRET_OVERLAP_HOURS * 3_600_000);
    this.secret = secret;
    this.updatedAt = now;
  }

}

/** The secrets a delivery made at `now` is signed with: the current one, and the previous one during the overlap. */
export function signingSecrets(
  endpoint: Pick<WebhookEndpoint, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>,
  now: Date,
): string[] {
  const { secret, previousSecret, previousSecretExpiresAt } = endpoint;
  return previousSecret && previousSecretExpiresAt && previousSecretExpiresAt > now ? [secret, previousSecret] : [secret];
}

/** The moment before which a streak of failures must have started for a failure at `now` to disable the endpoint. */
export const failingTooLongBefore = (now: Date) => new Date(now.getTime() - DISABLE_AFTER_FAILING_DAYS * 86_400_000);

function checkEvents(events: readonly string[]): WebhookEventType[] {
  if (events.length === 0) throw new InvalidWebhookEndpoint('events must name at least one event type.');
  const unknown = events.filter((type) => !isWebhookEventType(type));
  if (unknown.length > 0) throw new InvalidWebhookEndpoint(`events: no such event type: ${unknown.join(', ')}.`);
  if (new Set(events).size !== events.length) throw new InvalidWebhookEndpoint('events must not repeat an event type.');
  return [...events] as WebhookEventType[];
}

function checkDescription(description: string | null | undefined): string | null {
  const trimmed = description?.trim() ?? '';
  if (trimmed.length > MAX_DESCRIPTION_LENGTH) throw new InvalidWebhookEndpoint(`description must be at most ${MAX_DESCRIPTION_LENGTH} characters.`);
  return trimmed === '' ? null : trimmed;
}
