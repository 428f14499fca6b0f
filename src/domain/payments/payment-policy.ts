import { OrderNotPayable, PaymentDeadlinePassed } from './payments.errors';

/**
 * Only an order awaiting payment, before its deadline, is charged. Expiry runs every few seconds, so between its runs
 * an order past its deadline is still stored as awaiting payment: the deadline is checked here too (ordering's
 * Order.isOverdue is the same rule, seen from ordering).
 */
export function assertPayable(input: { orderId: string; orderStatus: string; paymentDueAt: Date; now: Date }): void {
  if (input.orderStatus !== 'pending_payment') throw new OrderNotPayable(input.orderId, input.orderStatus);
  if (input.paymentDueAt <= input.now) throw new PaymentDeadlinePassed(input.orderId, input.paymentDueAt);
}
