import { Injectable } from '@nestjs/common';
import { Clock } from '../shared/clock';
import { UnitOfWork } from '../shared/unit-of-work';
import { PaymentGateway } from './payment-gateway';
import { PaymentSettlement } from './payment-settlement';
import { ReconciliationPolicy } from './reconciliation-policy';
import { TransactionRepository } from './transaction.repository';

const BATCH = 50;

/**
 * Settles transactions left pending by a crash between recording and completing a payment or refund: the
 * processor is asked what it did with our reference. One it never received failed, so nothing was charged.
 */
@Injectable()
export class ReconcilePendingTransactions {
  constructor(
    private readonly transactions: TransactionRepository,
    private readonly gateway: PaymentGateway,
    private readonly settlement: PaymentSettlement,
    private readonly policy: ReconciliationPolicy,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.policy.graceSeconds * 1000);
    // Claim a batch under SKIP LOCKED so other instances take other rows, then settle each on its own.
    const stale = await this.uow.run(() => this.transactions.pendingForUpdate(cutoff, BATCH));
    for (const transaction of stale) {
      const outcome = (await this.gateway.find(transaction.id)) ?? { status: 'declined' as const, failureCode: 'not_received' };
      await this.settlement.settle(transaction.id, outcome);
    }
    return stale.length;
  }
}
