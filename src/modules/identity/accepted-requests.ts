import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';

/** Pieces of work run at once: each holds a pooled connection, maybe waiting on a row lock, for as long as it runs. */
const WORKERS = 2;
/** Pieces of work waiting their turn, at most: past that a request's work is dropped, and logged. */
const MAX_WAITING = 1000;

/**
 * Work a route answers 202 for before doing it (a password-reset request, so that neither the reply nor its timing
 * tells whether the address has an account). The reply never waits on the work, its own or any other: the work of
 * a known address takes the account's row lock and a burst of requests for one address queues on it, so any wait
 * tied to the work (even for a free slot) would be longer for an address that has an account. Run by a few workers
 * from a bounded queue; a request that finds it full is dropped (its sender asks again, as after a lost mail), and
 * everything queued is done before the database closes: a deploy does not drop what was accepted just before it.
 */
@Injectable()
export class AcceptedRequests implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AcceptedRequests.name);
  private readonly waiting: Array<{ what: string; work: () => Promise<void> }> = [];
  private readonly running = new Set<Promise<void>>();

  /** Queues the work and returns at once. */
  accept(what: string, work: () => Promise<void>): void {
    if (this.waiting.length >= MAX_WAITING) {
      this.logger.warn(`${what} dropped: ${MAX_WAITING} are waiting already`);
      return;
    }
    this.waiting.push({ what, work });
    while (this.running.size < WORKERS && this.waiting.length > 0) this.startWorker();
  }

  /** Resolves once every accepted piece of work has ended. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.drain();
  }

  private startWorker(): void {
    const worker = (async () => {
      for (let next = this.waiting.shift(); next; next = this.waiting.shift()) {
        await next.work().catch((error: unknown) => this.logger.error({ err: error }, `${next!.what} failed`));
      }
    })();
    this.running.add(worker);
    void worker.finally(() => this.running.delete(worker));
  }
}
