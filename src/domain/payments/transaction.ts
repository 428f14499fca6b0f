import { AggregateRoot } from '../shared/aggregate-root';
import type { DomainEvent } from '../shared/domain-event';
import { Money } from '../shared/money';
import { IllegalTransactionTransition } from './payments.errors';

export type TransactionType = 'payment' | 'refund';
export type TransactionStatus = 'pending' | 'succeeded' | 'failed';

/** Money went back to the customer: the processor confirmed a refund. */
export interface RefundIssued extends DomainEvent {
  readonly type: 'refund.issued';
  readonly orderId: string;
  readonly customerId: string;
  readonly amount: number;
  readonly currency: string;
}

/**
 * One movement of money. It is recorded as pending before the payment processor is called and settled
 * afterwards, so a crash in between leaves a visible pending record for reconciliation, never a silent charge.
 */
export class Transaction extends AggregateRoot<RefundIssued> {
  id: string;
  orderId: string;
  customerId: string;
  type: TransactionType;
  status: TransactionStatus;
  amount: number;
  currency: string;
  paymentMethod: string;
  gatewayReference: string | null;
  failureCode: string | null;
  reason: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** When the processor's answer was recorded: the time the money moved, for reports. */
  settledAt: Date | null;

  /** A payment is always for the order's whole total. */
  static startPayment(input: { id: string; orderId: string; customerId: string; orderTotal: Money; paymentMethod: string; now: Date }): Transaction {
    return Transaction.start({ ...input, type: 'payment', amount: input.orderTotal, reason: null });
  }

  static startRefund(input: { id: string; orderId: string; customerId: string; amount: Money; paymentMethod: string; reason: string; now: Date }): Transaction {
    return Transaction.start({ ...input, type: 'refund' });
  }

  private static start(input: {
    id: string;
    orderId: string;
    customerId: string;
    type: TransactionType;
    amount: Money;
    paymentMethod: string;
    reason: string | null;
    now: Date;
  }): Transaction {
    const transaction = new Transaction();
    transaction.id = input.id;
    transaction.orderId = input.orderId;
    transaction.customerId = input.customerId;
    transaction.type = input.type;
    transaction.status = 'pending';
    transaction.amount = input.amount.amount;
    transaction.currency = input.amount.currency;
    transaction.paymentMethod = input.paymentMethod;
    transaction.gatewayReference = null;
    transaction.failureCode = null;
    transaction.reason = input.reason;
    transaction.createdAt = input.now;
    transaction.updatedAt = input.now;
    transaction.settledAt = null;
    return transaction;
  }

  get money(): Money {
    return Money.of(this.amount, this.currency);
  }

  get isPending(): boolean {
    return this.status === 'pending';
  }

  succeed(gatewayReference: string, now: Date): void {
    this.settle('succeeded', now);
    this.gatewayReference = gatewayReference;
    if (this.type === 'refund') {
      const { orderId, customerId, amount, currency } = this;
      this.record({ type: 'refund.issued', aggregateId: this.id, occurredAt: now, orderId, customerId, amount, currency });
    }
  }

  fail(failureCode: string, now: Date): void {
    this.settle('failed', now);
    this.failureCode = failureCode;
  }

  private settle(status: 'succeeded' | 'failed', now: Date): void {
    if (this.status !== 'pending') throw new IllegalTransactionTransition(this.id, this.status);
    this.status = status;
    this.updatedAt = now;
    this.settledAt = now;
  }
}
