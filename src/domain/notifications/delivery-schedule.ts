/** After this many failed attempts a mail is given up (about 21 minutes after the first). */
export const MAX_DELIVERY_ATTEMPTS = 8;

const FIRST_RETRY_SECONDS = 10;
const LONGEST_RETRY_SECONDS = 600;

/**
 * When to try a mail again after its `attempts`-th attempt failed at `failedAt`: 10 s, then twice as long each time
 * up to 10 minutes, so a mail server that is down is not hammered; null once the mail is given up.
 */
export function nextAttemptAfter(attempts: number, failedAt: Date): Date | null {
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return null;
  const delaySeconds = Math.min(FIRST_RETRY_SECONDS * 2 ** (attempts - 1), LONGEST_RETRY_SECONDS);
  return new Date(failedAt.getTime() + delaySeconds * 1000);
}
