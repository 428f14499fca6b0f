import { Money } from '../shared/money';
import { IllegalTransactionTransition, InvalidRefund, OrderNotRefundable, RefundExceedsPaidAmount } from './payments.errors';
import { assertRefundable, isFullyRefunded } from './refund-policy';
import { MAX_REASON_CHARACTERS, Transaction } from './transaction';

const t0 = new Date('2026-01-01T00:00:00Z');
const usd = (amount: number) => Money.of(amount, 'USD');
const aPayment = () =>
  Transaction.startPayment({ id: 't1', orderId: 'o1', customerId: 'c1', orderTotal: usd(5000), paymentMethod: 'pm_card_visa', requestKey: 'c1:k1', now: t0 });
const aRefund = (changes: { orderId?: string; amount?: number; reason?: string; id?: string } = {}) =>
  Transaction.startRefund({
    id: changes.id ?? 'r1',
    orderId: changes.orderId ?? 'o1',
    customerId: 'c1',
    amount: usd(changes.amount ?? 1500),
    paymentMethod: 'pm_card_visa',
    reason: changes.reason ?? 'Damaged',
    requestKey: 'a1:k1',
    now: t0,
  });

describe('Transaction', () => {
  it('starts pending, for the whole order total', () => {
    expect(aPayment()).toMatchObject({ type: 'payment', status: 'pending', amount: 5000, currency: 'USD', gatewayReference: null });
  });

  it('settles once: succeeded with the gateway reference, or failed with a code', () => {
    const paid = aPayment();
    paid.succeed('ch_1', t0);
    expect(paid).toMatchObject({ status: 'succeeded', gatewayReference: 'ch_1' });
    expect(() => paid.fail('card_declined', t0)).toThrow(IllegalTransactionTransition);

    const declined = aPayment();
    declined.fail('card_declined', t0);
    expect(declined).toMatchObject({ status: 'failed', failureCode: 'card_declined' });
    expect(() => declined.succeed('ch_2', t0)).toThrow(IllegalTransactionTransition);
  });

  it('records payment.succeeded once a payment succeeds', () => {
    const paid = aPayment();
    paid.succeed('ch_1', t0);
    expect(paid.pullEvents()).toEqual([
      { type: 'payment.succeeded', aggregateId: 't1', occurredAt: t0, orderId: 'o1', customerId: 'c1', amount: 5000, currency: 'USD' },
    ]);
    expect(paid.pullEvents()).toEqual([]);
  });

  it('records payment.failed with the failure code once a payment fails', () => {
    const declined = aPayment();
    declined.fail('card_declined', t0);
    expect(declined.pullEvents()).toEqual([
      {
        type: 'payment.failed',
        aggregateId: 't1',
        occurredAt: t0,
        orderId: 'o1',
        customerId: 'c1',
        amount: 5000,
        currency: 'USD',
        failureCode: 'card_declined',
      },
    ]);
  });

  it('records refund.issued once a refund succeeds, and nothing for failed refunds', () => {

    const start = () => aRefund();
    const refunded = start();
    refunded.succeed('re_1', t0);
    expect(refunded.pullEvents()).toEqual([
      { type: 'refund.issued', aggregateId: 'r1', occurredAt: t0, orderId: 'o1', customerId: 'c1', amount: 1500, currency: 'USD' },
    ]);
    expect(refunded.pullEvents()).toEqual([]);

    const declined = start();
    declined.fail('processing_error', t0);
    expect(declined.pullEvents()).toEqual([]);
  });
});

describe('a retry of the request that started a transaction', () => {
  it('is the same request when it asks for the same movement, whatever the id and time it would have', () => {
    expect(aRefund().isSameRequestAs(aRefund({ id: 'r2', reason: '  Damaged ' }))).toBe(true);
    expect(aPayment().isSameRequestAs(aPayment())).toBe(true);
  });

  it('is another request when the order, the amount, the reason or the kind of movement differs', () => {
    const changed = [aRefund({ orderId: 'o2' }), aRefund({ amount: 1501 }), aRefund({ reason: 'Late' }), aPayment()];
    expect(changed.map((other) => aRefund().isSameRequestAs(other))).toEqual([false, false, false, false]);
  });
});

describe('refund policy', () => {
  const refund = (orderStatus: string, alreadyRefunded: number, requested: number) =>
    assertRefundable({ orderId: 'o1', orderStatus, paid: usd(5000), alreadyRefunded: usd(alreadyRefunded), requested: usd(requested) });

  it('allows refunds of paid and fulfilled orders up to the paid amount', () => {
    expect(() => refund('paid', 0, 5000)).not.toThrow();
    expect(() => refund('fulfilled', 4000, 1000)).not.toThrow();
  });

  it('refuses refunds beyond what was paid, counting earlier refunds', () => {
    expect(() => refund('paid', 4000, 1001)).toThrow(RefundExceedsPaidAmount);
    expect(() => refund('paid', 4000, 1001)).toThrow('at most 1000 minor units');
  });

  it('refuses orders that were never paid or are already refunded', () => {
    for (const status of ['pending_payment', 'cancelled', 'refunded']) {
      expect(() => refund(status, 0, 100)).toThrow(OrderNotRefundable);
    }
  });

  it('keeps a refund\'s reason trimmed, and refuses one of only white space', () => {
    const start = (reason: string) =>
      aRefund({ amount: 100, reason });
    expect(start('  Damaged in transit \n').reason).toBe('Damaged in transit');
    for (const blank of ['', ' ', '\t\n ']) expect(() => start(blank)).toThrow(InvalidRefund);
  });

  it('keeps a reason of up to 500 characters as PostgreSQL counts them, variation selectors included', () => {
    const hearts = (count: number) => '\u2764\uFE0F'.repeat(count);
    expect(aRefund({ reason: hearts(MAX_REASON_CHARACTERS / 2) }).reason).toBe(hearts(250));
    expect(() => aRefund({ reason: `${hearts(MAX_REASON_CHARACTERS / 2)}x` })).toThrow(InvalidRefund);
  });

  it('refuses a refund of nothing', () => {
    expect(() => refund('paid', 0, 0)).toThrow(InvalidRefund);
  });

  it('counts an order refunded once refunds reach the payment', () => {
    expect(isFullyRefunded(usd(5000), usd(4999))).toBe(false);
    expect(isFullyRefunded(usd(5000), usd(5000))).toBe(true);
  });
});
