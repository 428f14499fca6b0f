import { RetrySchedule } from '../shared/retry-schedule';

/**
 * A mail is retried after 10 s, then twice as long each time up to 10 minutes, so a mail server that is down is not
 * hammered, and given up after 8 attempts (about 21 minutes after the first).
 */
const MAIL_RETRY_SCHEDULE = new RetrySchedule([10, 20, 40, 80, 160, 320, 600]);

export const MAX_DELIVERY_ATTEMPTS = MAIL_RETRY_SCHEDULE.maxAttempts;

/** When to try a mail again after its `attempts`-th attempt failed at `failedAt`; null once it is given up. */
export function nextAttemptAfter(attempts: number, failedAt: Date): Date | null {
  return MAIL_RETRY_SCHEDULE.nextAttemptAfter(attempts, failedAt);
}
