import { RetrySchedule } from '../shared/retry-schedule';
import { InvalidRecoveryWindow } from './webhooks.errors';

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** How much of a receiver's answer is kept for the admin to read: enough for an error message, never a whole page. */
export const KEPT_RESPONSE_BYTES = 1024;

/**
 * The default wait after each failed attempt (WEBHOOK_RETRY_SCHEDULE overrides it): 10 s, 1 min, 5 min, 30 min, 2 h,
 * 5 h, 10 h, 14 h, 20 h, 24 h; eleven attempts over about three days, each wait spread by 20% either way.
 */
export const DEFAULT_RETRY_DELAYS_SECONDS: readonly number[] = [10, 60, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400];
const RETRY_JITTER = 0.2;
export const webhookRetrySchedule = (delaysSeconds: readonly number[]) => new RetrySchedule(delaysSeconds, RETRY_JITTER);

/**
 * What a receiver's answer means (Standard Webhooks): any 2xx is delivered; 410 Gone says the endpoint is gone for
 * good, so it is disabled; anything else, like no answer at all (null: timeout, refused connection), is retried.
 */
export function verdictOf(status: number | null): 'delivered' | 'gone' | 'retry' {
  if (status !== null && status >= 200 && status < 300) return 'delivered';
  return status === 410 ? 'gone' : 'retry';
}

/**
 * The start of a recovery: the deliveries given up since then get one more attempt each. An instant to come is
 * refused (a client's mistake, a local time taken for UTC): it would recover nothing and say nothing of why.
 */
export function recoverySince(since: Date, now: Date): Date {
  if (Number.isNaN(since.getTime())) throw new InvalidRecoveryWindow('since is not an instant.');
  if (since.getTime() > now.getTime()) {
    throw new InvalidRecoveryWindow(`since (${since.toISOString()}) is later than now (${now.toISOString()}): recovery takes deliveries already given up.`);
  }
  return since;
}

/** The body every attempt of a delivery sends, byte for byte: `{ type, timestamp, data }`. */
export function webhookBody(type: string, occurredAt: Date, data: Readonly<Record<string, unknown>>): string {
  return JSON.stringify({ type, timestamp: occurredAt.toISOString(), data });
}
