import { characterCount } from '../shared/characters';
import { checkWebhookUrl } from './webhook-url';
import { isWebhookEventType, type WebhookEventType } from './webhook-event-types';
import { InvalidWebhookEndpoint } from './webhooks.errors';

/** After a rotation the old secret keeps signing this long, so receivers can switch without losing a delivery. */
export const SECRET_OVERLAP_HOURS = 24;
/**
 * At most this many secrets rotated away keep signing beside the current one (each for SECRET_OVERLAP_HOURS): a
 * rotation beyond that stops the oldest at once. Enough for rotations in quick succession; a header of five
 * signatures at most.
 */
export const MAX_PREVIOUS_SECRETS = 4;
/** An endpoint whose every attempt has failed for this long is disabled, saying why. */
export const DISABLE_AFTER_FAILING_DAYS = 5;
export const MAX_DESCRIPTION_LENGTH = 500;
/** Standard Webhooks secrets read `whsec_` + base64 of the key bytes. */
export const SIGNING_SECRET_PREFIX = 'whsec_';

declare const clear: unique symbol;
declare const sealed: unique symbol;
/** A signing secret in clear (`whsec_...`): shown once when generated, and held by the delivery job while it signs. */
export type SigningSecret = string & { readonly [clear]: true };
/** A signing secret as stored: sealed (encrypted), opaque; it signs nothing until it is opened. */
export type SealedSecret = string & { readonly [sealed]: true };

/** A secret rotated away, still signing until `expiresAt`. */
export interface PreviousSecret<Secret extends string> {
  readonly secret: Secret;
  readonly expiresAt: Date;
}

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
  /** The current secret, sealed: an endpoint never carries a secret in clear. */
  secret: SealedSecret;
  /**
   * The secrets rotated away, sealed, newest first, at most MAX_PREVIOUS_SECRETS: each signs beside the current one
   * until its `expiresAt` (those past it are dropped at the next rotation).
   */
  previousSecrets: Array<PreviousSecret<SealedSecret>>;
  /** When the first of the failed attempts since the last success happened; null when the last attempt succeeded. */
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;

  static register(input: {
    id: string;
    url: string;
    events: readonly string[];
    description?: string | null;
    secret: SealedSecret;
    now: Date;
    allowHttp: boolean;
  }): WebhookEndpoint {
    const endpoint = new WebhookEndpoint();
    endpoint.id = input.id;
    endpoint.url = checkWebhookUrl(input.url, input);
    endpoint.events = checkEvents(input.events);
    endpoint.description = checkDescription(input.description);
    endpoint.enabled = true;
    endpoint.disabledReason = null;
    endpoint.secret = input.secret;
    endpoint.previousSecrets = [];
    endpoint.failingSince = null;
    endpoint.createdAt = input.now;
    endpoint.updatedAt = input.now;
    return endpoint;
  }

  /**
   * An admin's edit. Enabling again clears the reason and the failure streak, and so does a new address (another
   * receiver): the next failure starts a new one.
   */
  change(changes: EndpointChanges, now: Date, options: { allowHttp: boolean }): void {
    if (changes.url !== undefined) {
      const url = checkWebhookUrl(changes.url, options);
      if (url !== this.url) this.failingSince = null;
      this.url = url;
    }
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

  /**
   * A new secret signs from now on; the current one keeps signing beside it for SECRET_OVERLAP_HOURS, like those
   * rotated away before it whose overlap has not ended (the newest MAX_PREVIOUS_SECRETS of them).
   */
  rotateSecret(secret: SealedSecret, now: Date): void {
    const overlapEnds = new Date(now.getTime() + SECRET_OVERLAP_HOURS * 3_600_000);
    const stillSigning = this.previousSecrets.filter((previous) => previous.expiresAt > now);
    this.previousSecrets = [{ secret: this.secret, expiresAt: overlapEnds }, ...stillSigning].slice(0, MAX_PREVIOUS_SECRETS);
    this.secret = secret;
    this.updatedAt = now;
  }

  /** When the last of the secrets rotated away stops signing; null when none was. */
  get previousSecretsExpireAt(): Date | null {
    const ends = this.previousSecrets.map((previous) => previous.expiresAt.getTime());
    return ends.length === 0 ? null : new Date(Math.max(...ends));
  }
}

/**
 * The secrets a delivery made at `now` is signed with: the current one, and those rotated away whose overlap has not
 * ended. Only opened secrets sign: an endpoint's sealed ones are not accepted here.
 */
export function signingSecrets(
  secrets: { readonly secret: SigningSecret; readonly previousSecrets: ReadonlyArray<PreviousSecret<SigningSecret>> },
  now: Date,
): SigningSecret[] {
  return [secrets.secret, ...secrets.previousSecrets.filter((previous) => previous.expiresAt > now).map((previous) => previous.secret)];
}

/** What a failed attempt does to its endpoint's failure streak (see failureStreakAt). */
export interface FailureStreakBounds {
  /** A streak whose last failed attempt came before this has ended: the failure starts a new one. */
  readonly lapsedIfLastFailedBefore: Date;
  /** A streak (still under way) that started before this disables the endpoint. */
  readonly disableIfFailingBefore: Date;
}

/** A failure streak with no failed attempt for this long has ended (unless the retry schedule waits longer). */
const FAILURE_STREAK_LAPSE_HOURS = 24;

/**
 * For an attempt failed at `now`. A streak goes on while attempts keep failing: after a day without a failed attempt,
 * and twice the retry schedule's longest wait (so that none was due: the last delivery had given up and nothing new
 * came), the streak has ended and this failure starts another. An endpoint that failed once, then had nothing to
 * send for days, has not been failing for days, and one failure must not disable it as if it had.
 */
export const failureStreakAt = (now: Date, longestRetryWaitSeconds: number): FailureStreakBounds => ({
  lapsedIfLastFailedBefore: new Date(now.getTime() - Math.max(FAILURE_STREAK_LAPSE_HOURS * 3600, 2 * longestRetryWaitSeconds) * 1000),
  disableIfFailingBefore: new Date(now.getTime() - DISABLE_AFTER_FAILING_DAYS * 86_400_000),
});

function checkEvents(events: readonly string[]): WebhookEventType[] {
  if (events.length === 0) throw new InvalidWebhookEndpoint('events must name at least one event type.');
  const unknown = events.filter((type) => !isWebhookEventType(type));
  if (unknown.length > 0) throw new InvalidWebhookEndpoint(`events: no such event type: ${unknown.join(', ')}.`);
  if (new Set(events).size !== events.length) throw new InvalidWebhookEndpoint('events must not repeat an event type.');
  return [...events] as WebhookEventType[];
}

function checkDescription(description: string | null | undefined): string | null {
  const trimmed = description?.trim() ?? '';
  if (characterCount(trimmed) > MAX_DESCRIPTION_LENGTH) throw new InvalidWebhookEndpoint(`description must be at most ${MAX_DESCRIPTION_LENGTH} characters.`);
  return trimmed === '' ? null : trimmed;
}
