import { MikroORM, RequestContext } from '@mikro-orm/core';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ExpireOverdueOrders } from '../../application/ordering/expire-overdue-orders';
import { AppConfig } from '../../infrastructure/config/app-config';

/**
 * Runs the expiry sweep every ORDER_EXPIRY_SWEEP_SECONDS on every instance; the use case's row locking
 * makes concurrent sweeps share the work instead of repeating it.
 */
@Injectable()
export class OrderExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OrderExpiry');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly config: AppConfig,
    private readonly orm: MikroORM,
    private readonly expireOverdueOrders: ExpireOverdueOrders,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.ordering.expirySweepSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep; overlapping ticks are skipped rather than stacked. */
  async sweep(): Promise<number> {
    if (this.running) return 0;
    const run = RequestContext.create(this.orm.em, () => this.expireOverdueOrders.execute());
    this.running = run;
    try {
      const expired = await run;
      if (expired > 0) this.logger.log(`Cancelled ${expired} unpaid order(s) past their payment deadline`);
      return expired;
    } catch (error) {
      this.logger.warn({ err: error }, 'Order expiry sweep failed; the next tick retries');
      return 0;
    } finally {
      this.running = undefined;
    }
  }
}
