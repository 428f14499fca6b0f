import { type MikroORM, RequestContext } from '@mikro-orm/core';
import { Logger } from '@nestjs/common';
import type { Stopping } from '../../application/shared/leased-attempts';

/**
 * A background job run every `intervalSeconds` on every instance, each run in its own database context.
 * Jobs must be safe to run on several instances at once (they claim rows with SKIP LOCKED). Overlapping
 * ticks are skipped, not stacked; a failed run is logged and retried at the next tick. Stopped for good before
 * the database closes (the schedulers stop in `beforeApplicationShutdown`): a run after that would open the ORM's
 * connection again, and that pool would never be closed. `work` is handed a `stopping()` that holds once `stop()` was
 * called: a job that loops over a backlog checks it between items, so that shutdown waits for the items under way,
 * not for the whole backlog.
 */
export class PeriodicJob {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;
  /** Runs failed in a row, and when the last of them was logged: see `failed`. */
  private failedRuns = 0;
  private failureLoggedAt = 0;

  constructor(
    private readonly name: string,
    private readonly orm: MikroORM,
    private readonly work: (stopping: Stopping) => Promise<number>,
    private readonly report: (handled: number) => string,
  ) {
    this.logger = new Logger(name);
  }

  start(intervalSeconds: number): void {
    this.timer = setInterval(() => void this.runOnce(), intervalSeconds * 1000);
    this.timer.unref();
  }

  /** No run starts after this, and the one under way is told to stop (`stopping()`); resolves when it has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** One run now; returns how many items it handled (0 when a run was already under way, or the job is stopped). */
  async runOnce(): Promise<number> {
    if (this.running || this.stopped) return 0;
    this.running = RequestContext.create(this.orm.em, () => this.work(() => this.stopped));
    try {
      const handled = await this.running;
      if (this.failedRuns > 0) this.logger.log(`${this.name} runs again after ${this.failedRuns} failed runs`);
      this.failedRuns = 0;
      if (handled > 0) this.logger.log(this.report(handled));
      return handled;
    } catch (error) {
      this.failed(error);
      return 0;
    } finally {
      this.running = undefined;
    }
  }

  /**
   * The first failure of a streak is logged, then one line every FAILURE_LOG_INTERVAL_MS with the count: while the
   * database is away a job ticking five times a second wrote a warning with its stack on every tick (some 35 MB an
   * hour per instance).
   */
  private failed(error: unknown): void {
    this.failedRuns += 1;
    const now = Date.now();
    if (this.failedRuns > 1 && now - this.failureLoggedAt < FAILURE_LOG_INTERVAL_MS) return;
    this.failureLoggedAt = now;
    const streak = this.failedRuns > 1 ? ` (${this.failedRuns} runs in a row)` : '';
    this.logger.warn({ err: error }, `${this.name} failed${streak}; the next tick retries`);
  }
}

const FAILURE_LOG_INTERVAL_MS = 30_000;
