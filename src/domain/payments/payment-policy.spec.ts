import { OrderNotPayable, PaymentDeadlinePassed } from './payments.errors';
import { assertPayable } from './payment-policy';

describe('assertPayable', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const order = (orderStatus: string, paymentDueAt: Date) => ({ orderId: 'order-1', orderStatus, paymentDueAt, now });

  it('lets an order awaiting payment be charged before its deadline', () => {
    expect(() => assertPayable(order('pending_payment', new Date(now.getTime() + 1)))).not.toThrow();
  });

  it('refuses an order in any other status, whatever its deadline', () => {
    for (const status of ['paid', 'fulfilled', 'cancelled', 'refunded']) {
      expect(() => assertPayable(order(status, new Date(now.getTime() + 60_000)))).toThrow(OrderNotPayable);
    }
  });

  it('refuses an order awaiting payment from the moment its deadline comes, before expiry cancels it', () => {
    expect(() => assertPayable(order('pending_payment', now))).toThrow(PaymentDeadlinePassed);
    expect(() => assertPayable(order('pending_payment', new Date(now.getTime() - 1)))).toThrow(PaymentDeadlinePassed);
  });
});
