import type { Money } from '../shared/money';
import { InvalidRefund, OrderNotRefundable, RefundExceedsPaidAmount } from './payments.errors';

const REFUNDABLE_ORDER_STATUSES = new Set(['paid', 'fulfilled']);

/**
 * Refunds only on paid or fulfilled orders, and never beyond what was paid: `alreadyRefunded` counts every
 * refund not failed (pending ones included, since they may still succeed).
 */
export function assertRefundable(input: { orderId: string; orderStatus: string; paid: Money; alreadyRefunded: Money; requested: Money }): void {
  if (!REFUNDABLE_ORDER_STATUSES.has(input.orderStatus)) throw new OrderNotRefundable(input.orderId, input.orderStatus);
  if (!input.requested.isPositive()) throw new InvalidRefund('A refund must be for more than zero.');
  const remaining = input.paid.subtract(input.alreadyRefunded);
  if (input.requested.isGreaterThan(remaining)) {
    throw new RefundExceedsPaidAmount(remaining.amount);
  }
}

/** True when the refunds that succeeded add up to the whole payment: the order then counts as refunded. */
export function isFullyRefunded(paid: Money, refunded: Money): boolean {
  return !paid.isGreaterThan(refunded);
}
