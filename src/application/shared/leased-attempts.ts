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

/** While attempts are under way and nothing could be claimed, how long until the next look (besides one per attempt that ends). */
export const IDLE_POLL_MS = 1000;

/**
 * Attempts due rows, up to `concurrency` at once, until none is left or `stopping()` holds. One loop claims: it claims
 * again at once after a row (the slots fill), when a slot frees, and, while nothing can be claimed but attempts are
 * under way (a slow receiver's; rows the claim passed over while their endpoint had its share under way), every
 * IDLE_POLL_MS, so what falls due meanwhile does not wait for the run to end (runs never overlap); a slow attempt holds
 * up its own slot only. Claims are made one at a time (a short statement each; the attempts are what take time), so a
 * claim knows what every claim before it took. A run ends when a claim finds nothing and no attempt is under way: most
 * runs find nothing due, and they ask once. If a claim or an attempt rejects (the database is down), nothing more is
 * claimed, and the run rejects with the first error once the attempts under way have ended: no attempt outlives its
 * run.
 */
export async function attemptDue<T extends LeasedAttempt>(work: {
  readonly concurrency: number;
  readonly stopping: Stopping;
  /** Claims and leases the next due row; undefined when none may be claimed now. */
  readonly claim: () => Promise<T | undefined>;
  readonly attempt: (claimed: T) => Promise<void>;
}): Promise<void> {
  // With no slot nothing could ever be attempted, and the run would wait for a slot for good.
  if (!Number.isInteger(work.concurrency) || work.concurrency < 1) throw new RangeError(`attemptDue needs at least one slot, not ${work.concurrency}`);
  const underWay = new Set<Promise<void>>();
  let ended = 0;
  let failure: { readonly error: unknown } | undefined;
  const launch = (claimed: T) => {
    const attempt: Promise<void> = work
      .attempt(claimed)
      .catch((error: unknown) => void (failure ??= { error }))
      .finally(() => {
        underWay.delete(attempt);
        ended += 1;
      });
    underWay.add(attempt);
  };
  try {
    while (failure === undefined && !work.stopping()) {
      if (underWay.size >= work.concurrency) {
        await Promise.race(underWay);
        continue;
      }
      const endedBefore = ended;
      const claimed = await work.claim();
      if (claimed !== undefined) launch(claimed);
      else if (underWay.size === 0) break;
      // An attempt that ended while this claim was made may have freed what it passed over: look again at once.
      else if (ended === endedBefore) await anEndOrPoll(underWay);
    }
  } catch (error) {
    failure ??= { error };
  }
  await Promise.allSettled(underWay);
  if (failure) throw failure.error;
}

/** Resolves when one of the attempts ends, or IDLE_POLL_MS from now. */
async function anEndOrPoll(underWay: ReadonlySet<Promise<void>>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poll = new Promise<void>((resolve) => (timer = setTimeout(resolve, IDLE_POLL_MS)));
  await Promise.race([poll, ...underWay]);
  clearTimeout(timer);
}
