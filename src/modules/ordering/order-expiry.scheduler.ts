import { MikroORM } from '@mikro-orm/core';
import { type BeforeApplicationShutdown, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ExpireOverdueOrders } from '../../application/ordering/expire-overdue-orders';
import { AppConfig } from '../../infrastructure/config/app-config';
import { PeriodicJob } from '../../infrastructure/scheduling/periodic-job';

/** Cancels unpaid orders past their deadline every ORDER_EXPIRY_SWEEP_SECONDS, on every instance. */
@Injectable()
export class OrderExpiryScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly job: PeriodicJob;

  constructor(
    private readonly config: AppConfig,
    orm: MikroORM,
    expireOverdueOrders: ExpireOverdueOrders,
  ) {
    this.job = new PeriodicJob('OrderExpiry', orm, () => expireOverdueOrders.execute(), (n) => `Cancelled ${n} unpaid order(s) past their payment deadline`);
  }

  onApplicationBootstrap(): void {
    this.job.start(this.config.ordering.expirySweepSeconds);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
