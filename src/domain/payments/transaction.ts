import { AggregateRoot } from '../shared/aggregate-root';
import { characterCount } from '../shared/characters';
import type { DomainEvent } from '../shared/domain-event';
import { Money } from '../shared/money';
import { IllegalTransactionTransition, InvalidRefund } from './payments.errors';

/** The bound of the `transactions.reason` column, in characters as PostgreSQL counts them. */
export const MAX_REASON_CHARACTERS = 500;

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

/** The processor took the order's total. */
export interface PaymentSucceeded extends DomainEvent {
  readonly type: 'payment.succeeded';
  readonly orderId: string;
  readonly customerId: string;
  readonly amount: number;
  readonly currency: string;
}

/** The processor refused the payment, or could not be reached: nothing was charged. */
export interface PaymentFailed extends DomainEvent {
  readonly type: 'payment.failed';
  readonly orderId: string;
  readonly customerId: string;
  readonly amount: number;
  readonly currency: string;
  /** The processor's reason, e.g. `card_declined`, `insufficient_funds`, `processing_error`. */
  readonly failureCode: string;
}

export type TransactionEvent = PaymentSucceeded | PaymentFailed | RefundIssued;

/**
 * One movement of money. It is recorded as pending before the payment processor is called and settled
 * afterwards, so a crash in between leaves a visible pending record for reconciliation, never a silent charge.
 */
export class Transaction extends AggregateRoot<TransactionEvent> {
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
  /** The request key (domain/shared/request-key.ts) of the request that started it: its retries find it. */
  requestKey: string | null;

  /** A payment is always for the order's whole total. */
  static startPayment(input: { id: string; orderId: string; customerId: string; orderTotal: Money; paymentMethod: string; requestKey: string; now: Date }): Transaction {
    return Transaction.start({ ...input, type: 'payment', amount: input.orderTotal, reason: null });
  }

  /** A refund says why, in words: the reason is kept trimmed, up to MAX_REASON_CHARACTERS; one of only white space is none. */
  static startRefund(input: {
    id: string;
    orderId: string;
    customerId: string;
    amount: Money;
    paymentMethod: string;
    reason: string;
    requestKey: string;
    now: Date;
  }): Transaction {
    const reason = input.reason.trim();
    if (reason === '') throw new InvalidRefund('A refund needs a reason.');
    if (characterCount(reason) > MAX_REASON_CHARACTERS) throw new InvalidRefund(`The reason must be at most ${MAX_REASON_CHARACTERS} characters.`);
    return Transaction.start({ ...input, type: 'refund', reason });
  }

  private static start(input: {
    id: string;
    orderId: string;
    customerId: string;
    type: TransactionType;
    amount: Money;
    paymentMethod: string;
    reason: string | null;
    requestKey: string;
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
    transaction.requestKey = input.requestKey;
    return transaction;
  }

  /** Whether `other`, started for a request under this one's key, asks for the same movement: a retry, not another request. */
  isSameRequestAs(other: Transaction): boolean {
    return (
      other.type === this.type &&
      other.orderId === this.orderId &&
      other.amount === this.amount &&
      other.currency === this.currency &&
      other.paymentMethod === this.paymentMethod &&
      other.reason === this.reason
    );
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
    const { orderId, customerId, amount, currency } = this;
    const type = this.type === 'payment' ? 'payment.succeeded' : 'refund.issued';
    this.record({ type, aggregateId: this.id, occurredAt: now, orderId, customerId, amount, currency });
  }

  /** A failed refund records nothing: the customer was not told one was coming, and the admin sees the reply. */
  fail(failureCode: string, now: Date): void {
    this.settle('failed', now);
    this.failureCode = failureCode;
    if (this.type === 'payment') {
      const { orderId, customerId, amount, currency } = this;
      this.record({ type: 'payment.failed', aggregateId: this.id, occurredAt: now, orderId, customerId, amount, currency, failureCode });
    }
  }

  private settle(status: 'succeeded' | 'failed', now: Date): void {
    if (this.status !== 'pending') throw new IllegalTransactionTransition(this.id, this.status);
    this.status = status;
    this.updatedAt = now;
    this.settledAt = now;
  }
}
