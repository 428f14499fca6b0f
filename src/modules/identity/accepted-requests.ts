import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';

/** Work answered before it runs at once, at most; past that a request waits for its own work (backpressure). */
const MAX_IN_FLIGHT = 32;

/**
 * Work a route answers 202 for before doing it (a password-reset request, so that neither the reply nor its timing
 * tells whether the address has an account). Bounded, and drained before the database closes: a deploy does not
 * drop what was accepted just before it.
 */
@Injectable()
export class AcceptedRequests implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AcceptedRequests.name);
  private readonly inFlight = new Set<Promise<void>>();

  /** Starts the work; resolves at once, or once it is done when too much is under way already. */
  async accept(what: string, work: () => Promise<void>): Promise<void> {
    const running = work().catch((error: unknown) => this.logger.error({ err: error }, `${what} failed`));
    if (this.inFlight.size >= MAX_IN_FLIGHT) return running;
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running));
  }

  /** Resolves once every accepted piece of work has ended. */
  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.drain();
  }
}
