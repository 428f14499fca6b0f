import { Injectable } from '@nestjs/common';
import { GatewayFailed, PaymentOutcomeUnknown, TransactionNotFound } from '../../domain/payments/payments.errors';
import type { Transaction } from '../../domain/payments/transaction';
import { isFullyRefunded } from '../../domain/payments/refund-policy';
import { Money } from '../../domain/shared/money';
import { Clock } from '../shared/clock';
import { EventPublisher } from '../shared/event-publisher';
import { UnitOfWork } from '../shared/unit-of-work';
import { answerWithin, NO_ANSWER } from '../shared/within-deadline';
import { type ChargeOutcome, GatewayUnavailable } from './payment-gateway';
import { PayableOrders } from './payable-orders';
import { ReconciliationPolicy } from './reconciliation-policy';
import { TransactionRepository } from './transaction.repository';

/**
 * Records what the processor answered for a pending transaction, and what follows for its order: a paid
 * order after a payment, a refunded one once refunds reach the paid amount. Shared by the request path and
 * reconciliation, so both settle a transaction the same way.
 */
@Injectable()
export class PaymentSettlement {
  constructor(
    private readonly transactions: TransactionRepository,
    private readonly orders: PayableOrders,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly events: EventPublisher,
    private readonly policy: ReconciliationPolicy,
  ) {}

  /**
   * Calls the processor for a pending transaction and records its answer. The call is awaited for the policy's
   * deadline at most, which is shorter than reconciliation's grace, so the two never settle one transaction each
   * its own way, and then abandoned through its signal. A processor that failed moved no money (GatewayFailed); one
   * that did not answer in time leaves the transaction pending for reconciliation (PaymentOutcomeUnknown); anything
   * else thrown leaves it pending too.
   */
  async settleCall(pendingId: string, call: (signal: AbortSignal) => Promise<ChargeOutcome>): Promise<Transaction> {
    let outcome: ChargeOutcome | typeof NO_ANSWER;
    try {
      outcome = await answerWithin(call, this.policy.callDeadlineMs);
    } catch (error) {
      if (!(error instanceof GatewayUnavailable)) throw error;
      await this.settle(pendingId, { status: 'declined', failureCode: 'processing_error' });
      throw new GatewayFailed(pendingId);
    }
    if (outcome === NO_ANSWER) throw new PaymentOutcomeUnknown(pendingId);
    return this.settle(pendingId, outcome);
  }

  settle(transactionId: string, outcome: ChargeOutcome): Promise<Transaction> {
    return this.uow.run(async () => {
      const now = this.clock.now();
      const found = await this.transactions.byId(transactionId);
      if (!found) throw new TransactionNotFound(transactionId);
      // Order first, then transaction: the same lock order as the request path, so the two cannot deadlock.
      const order = await this.orders.lock(found.orderId);
      const transaction = await this.transactions.byIdForUpdate(transactionId);
      if (!order || !transaction) throw new TransactionNotFound(transactionId);
      if (!transaction.isPending) return transaction; // reconciliation and the request raced; the first one settled it
      if (outcome.status === 'succeeded') transaction.succeed(outcome.gatewayReference, now);
      else transaction.fail(outcome.failureCode, now);
      await this.transactions.save(transaction);
      await this.events.publish(transaction.pullEvents());
      if (transaction.status === 'succeeded') await this.applyToOrder(transaction, order.status, now);
      return transaction;
    });
  }

  private async applyToOrder(transaction: Transaction, orderStatus: string, now: Date): Promise<void> {
    if (transaction.type === 'payment') {
      await this.orders.markPaid(transaction.orderId, now);
      return;
    }
    const payment = await this.transactions.succeededPayment(transaction.orderId);
    const refunded = await this.transactions.refundTotals(transaction.orderId);
    if (payment && orderStatus !== 'refunded' && isFullyRefunded(payment.money, Money.of(refunded.succeeded, payment.currency))) {
      await this.orders.markRefunded(transaction.orderId, now);
    }
  }
}
