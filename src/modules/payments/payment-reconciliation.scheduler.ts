import { MikroORM } from '@mikro-orm/core';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ReconcilePendingTransactions } from '../../application/payments/reconcile-pending-transactions';
import type { Stopping } from '../../application/shared/leased-attempts';
import { AppConfig } from '../../infrastructure/config/app-config';
import { IdempotencyStore } from '../../infrastructure/http/idempotency/idempotency.store';
import { PeriodicJob } from '../../infrastructure/scheduling/periodic-job';

/**
 * Settles stale pending transactions through the gateway, logging each the processor could not be asked about, and
 * forgets expired idempotency keys.
 */
@Injectable()
export class PaymentReconciliationScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly job: PeriodicJob;
  private readonly purge: PeriodicJob;
  private readonly logger = new Logger('PaymentReconciliation');

  constructor(
    private readonly config: AppConfig,
    orm: MikroORM,
    reconcile: ReconcilePendingTransactions,
    idempotency: IdempotencyStore,
  ) {
    this.job = new PeriodicJob('PaymentReconciliation', orm, (stopping) => this.reconcile(reconcile, stopping), (n) => `Settled ${n} stale pending transaction(s)`);
    this.purge = new PeriodicJob('IdempotencyPurge', orm, () => idempotency.purgeExpired(), (n) => `Forgot ${n} expired idempotency key(s)`);
  }

  onApplicationBootstrap(): void {
    this.job.start(this.config.payments.reconcileSweepSeconds);
    this.purge.start(3600);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.job.stop(), this.purge.stop()]);
  }

  private async reconcile(reconcile: ReconcilePendingTransactions, stopping: Stopping): Promise<number> {
    const { settled, unanswered } = await reconcile.execute(stopping);
    for (const { transactionId, error } of unanswered) {
      this.logger.warn({ transactionId, error }, `Pending transaction ${transactionId} not settled: the processor could not be asked (${error}); asked again later`);
    }
    return settled;
  }
}
