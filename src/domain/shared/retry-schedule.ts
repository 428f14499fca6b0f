/**
 * When to try something again after a failed attempt: after the n-th failure wait `delaysSeconds[n - 1]`; after
 * the last delay is used up the work is given up. Outboxes that call other systems (mail, webhooks) share it.
 * `jitter` (0..1) spreads each wait by up to that fraction either way, so that many items failing together (one
 * receiver down) do not all come back in the same second.
 */
export class RetrySchedule {
  constructor(
    readonly delaysSeconds: readonly number[],
    private readonly jitter = 0,
  ) {
    if (delaysSeconds.length === 0 || delaysSeconds.some((delay) => !Number.isFinite(delay) || delay <= 0)) {
      throw new RangeError('A retry schedule needs at least one positive delay');
    }
    if (jitter < 0 || jitter >= 1) throw new RangeError('Jitter is a fraction from 0 up to 1');
  }

  /** Attempts in all: the first one and one after each delay. */
  get maxAttempts(): number {
    return this.delaysSeconds.length + 1;
  }

  /** When to try again after the `attempts`-th attempt failed at `failedAt`; null once the work is given up. */
  nextAttemptAfter(attempts: number, failedAt: Date, random: () => number = Math.random): Date | null {
    if (attempts >= this.maxAttempts) return null;
    const delay = this.delaysSeconds[Math.max(attempts, 1) - 1];
    const spread = delay * this.jitter * (2 * random() - 1);
    return new Date(failedAt.getTime() + Math.round((delay + spread) * 1000));
  }
}
