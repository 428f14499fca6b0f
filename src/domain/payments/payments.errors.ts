import { DomainError } from '../shared/domain-error';

export class TransactionNotFound extends DomainError {
  readonly code = 'transaction-not-found';
  readonly kind = 'not_found';
  constructor(id: string) {
    super(`No transaction ${id}.`);
  }
}

export class OrderNotPayable extends DomainError {
  readonly code = 'order-not-payable';
  readonly kind = 'conflict';
  constructor(orderId: string, status: string) {
    super(`Order ${orderId} is ${status}; only an order awaiting payment can be paid.`);
  }
}

/** The order's payment deadline passed: expiry cancels it (on its next run) whether or not it has yet. */
export class PaymentDeadlinePassed extends DomainError {
  readonly code = 'payment-deadline-passed';
  readonly kind = 'conflict';
  constructor(orderId: string, paymentDueAt: Date) {
    super(`Order ${orderId} was to be paid by ${paymentDueAt.toISOString()}; it expires unpaid and its stock goes back on sale.`);
  }
}

export class PaymentInProgress extends DomainError {
  readonly code = 'payment-in-progress';
  readonly kind = 'conflict';
  constructor(orderId: string) {
    super(`A payment for order ${orderId} is already being processed.`);
  }
}

export class PaymentDeclined extends DomainError {
  readonly code = 'payment-declined';
  readonly kind = 'payment_declined';
  override readonly details: { transactionId: string; failureCode: string };
  constructor(transactionId: string, failureCode: string) {
    super(`The payment was declined (${failureCode}); the order can still be paid with another method.`);
    this.details = { transactionId, failureCode };
  }
}

export class GatewayFailed extends DomainError {
  readonly code = 'payment-gateway-failed';
  readonly kind = 'gateway_failed';
  override readonly details: { transactionId: string };
  constructor(transactionId: string) {
    super('The payment processor failed; no money moved. Retry the request.');
    this.details = { transactionId };
  }
}

export class PaymentOutcomeUnknown extends DomainError {
  readonly code = 'payment-outcome-unknown';
  readonly kind = 'gateway_timeout';
  override readonly details: { transactionId: string };
  constructor(transactionId: string) {
    super(
      `The payment processor did not answer in time. Transaction ${transactionId} stays pending until it is settled from the processor's records; GET /api/v1/transactions/${transactionId} shows the outcome. Do not send it again.`,
    );
    this.details = { transactionId };
  }
}

export class OrderNotRefundable extends DomainError {
  readonly code = 'order-not-refundable';
  readonly kind = 'conflict';
  constructor(orderId: string, status: string) {
    super(`Order ${orderId} is ${status}; only paid or fulfilled orders can be refunded.`);
  }
}

export class RefundExceedsPaidAmount extends DomainError {
  readonly code = 'refund-exceeds-paid-amount';
  readonly kind = 'conflict';
  override readonly details: { refundableAmount?: number };
  /** `refundableAmount` is unknown when the database's guard, not the policy, refused the refund. */
  constructor(refundableAmount?: number) {
    super(
      refundableAmount === undefined
        ? 'Refunds may not exceed the paid amount.'
        : `Refunds may not exceed the paid amount; at most ${refundableAmount} minor units remain refundable.`,
    );
    this.details = refundableAmount === undefined ? {} : { refundableAmount };
  }
}

export class IllegalTransactionTransition extends DomainError {
  readonly code = 'illegal-transaction-transition';
  readonly kind = 'conflict';
  constructor(id: string, status: string) {
    super(`Transaction ${id} is ${status}; only a pending transaction can be settled.`);
  }
}

export class InvalidRefund extends DomainError {
  readonly code = 'invalid-refund';
  readonly kind = 'invalid';
}

/** Payments' own word for an order that does not exist or is not the caller's (same problem type as ordering's). */
export class PayableOrderNotFound extends DomainError {
  readonly code = 'order-not-found';
  readonly kind = 'not_found';
  constructor(id: string) {
    super(`No order ${id}.`);
  }
}
