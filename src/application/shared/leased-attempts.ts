/**
 * What the outboxes that call other systems (mail, webhooks) share. Their rows are attempted outside any transaction,
 * each under a lease of its own: a claim counts the attempt and leases one row, in a statement that commits at once,
 * just before the attempt; the attempt is given up at its deadline, well before the lease runs out, so while an
 * instance lives no other claims the row; the outcome is recorded only if the row's attempt count is still this
 * attempt's (a lease that ran out, its row claimed again since, records nothing). An instance that dies mid-attempt
 * leaves the lease to run out and the row is attempted again: delivery is at least once.
 */

import type { Clock } from './clock';

/** A row claimed for one attempt; `attempts` counts this one and fences the recording of its outcome. */
export interface LeasedAttempt {
  readonly id: string;
  readonly attempts: number;
}

/**
 * How long a claim leases a row whose attempt is given up after `deadlineMs`: twice that, plus 10 s for the claim
 * and the recording, so a live attempt never loses its lease.
 */
export const leaseMsFor = (deadlineMs: number) => 2 * deadlineMs + 10_000;

/** True once shutdown has begun: a run then starts no further attempt and ends with those under way. */
export type Stopping = () => boolean;

export const neverStopping: Stopping = () => false;

/**
 * How long one run of a delivery job claims for (longer than any one attempt may take). A run goes on while rows
 * are due, so under a lasting backlog it would never end: its failures are logged and the backlog's age measured
 * when a run ends, and the next tick carries on where it stopped.
 */
export const MAX_RUN_MS = 60_000;

/** `stopping`, or the run has claimed for MAX_RUN_MS since this was called. */
export function stoppingOrRunOver(stopping: Stopping, clock: Clock): Stopping {
  const over = clock.now().getTime() + MAX_RUN_MS;
  return () => stopping() || clock.now().getTime() >= over;
}

/**
 * How long a worker that found nothing to claim while attempts of its run are under way waits before it looks again:
 * as often as a job looks by default.
 */
export const IDLE_POLL_MS = 1000;

/**
 * Attempts due rows until none is left or `stopping()` holds. One claim comes first: most runs find nothing due, and
 * they ask once, not once per worker. Once a row was due, each of `concurrency` workers claims one row (the claim
 * leases it for this attempt only), attempts it, and claims the next as soon as it is free: a slow attempt holds up
 * its own worker only. Claims are made one at a time (a short statement each; the attempts are what take time), so a
 * claim knows what every claim before it took. A worker that finds nothing to claim ends, unless attempts of the run
 * are under way (a slow receiver's; rows the claim passed over while their endpoint had its share under way): then it
 * looks again IDLE_POLL_MS later, so what falls due meanwhile does not wait for the run to end (runs never overlap),
 * and ends as soon as none is. If a claim or an attempt rejects (the database is down), the other workers claim
 * nothing more, and the run rejects with that error once the attempts under way have ended: no attempt outlives its
 * run.
 */
export async function attemptDue<T extends LeasedAttempt>(work: {
  readonly concurrency: number;
  readonly stopping: Stopping;
  /** Claims and leases the next due row; undefined when none may be claimed now. */
  readonly claim: () => Promise<T | undefined>;
  readonly attempt: (claimed: T) => Promise<void>;
}): Promise<void> {
  if (work.stopping()) return;
  const first = await work.claim();
  if (first === undefined) return;
  let failed = false;
  let underWay = 0;
  let nothingUnderWay = signal();
  let claiming: Promise<unknown> = Promise.resolve();
  // In turn, and only while the run goes on: a claim queued behind one that failed, or made after shutdown began, is not made.
  const claimInTurn = () => {
    const claimed = claiming.then(() => (failed || work.stopping() ? undefined : work.claim()));
    claiming = claimed.catch(() => undefined);
    return claimed;
  };
  const attempt = async (claimed: T) => {
    underWay += 1;
    try {
      await work.attempt(claimed);
    } finally {
      underWay -= 1;
      if (underWay === 0) {
        nothingUnderWay.settle();
        nothingUnderWay = signal();
      }
    }
  };
  /** True IDLE_POLL_MS later, or false as soon as no attempt of the run is under way. */
  const lookAgainLater = async () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const polled = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, IDLE_POLL_MS, true)));
    const lookAgain = await Promise.race([polled, nothingUnderWay.promise.then(() => false)]);
    clearTimeout(timer);
    return lookAgain;
  };
  const worker = async (claimed?: T) => {
    try {
      if (claimed) await attempt(claimed);
      while (!failed && !work.stopping()) {
        const next = await claimInTurn();
        if (next !== undefined) await attempt(next);
        else if (underWay === 0 || !(await lookAgainLater())) return;
      }
    } catch (error) {
      failed = true;
      throw error;
    }
  };
  const others = Array.from({ length: work.concurrency - 1 }, () => worker());
  const outcomes = await Promise.allSettled([worker(first), ...others]);
  const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
  if (rejected) throw rejected.reason;
}

/** A promise and the function that settles it. */
function signal(): { promise: Promise<void>; settle: () => void } {
  let settle!: () => void;
  const promise = new Promise<void>((resolve) => (settle = resolve));
  return { promise, settle };
}
