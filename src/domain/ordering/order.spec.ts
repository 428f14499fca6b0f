import { Money } from '../shared/money';
import { MAX_LINES, MAX_QUANTITY, Order, type PricedItem } from './order';
import { IllegalOrderTransition, InvalidOrder, OrderTotalTooLarge } from './ordering.errors';
import { ORDER_STATUSES, type OrderStatus, orderTransitions } from './order-status';

const t0 = new Date('2026-01-01T00:00:00Z');
const due = new Date('2026-01-01T00:30:00Z');
const item = (n: number, price = 1000, quantity = 1): PricedItem => ({
  productId: `p${n}`,
  sku: `SKU-${n}`,
  name: `Product ${n}`,
  unitPrice: Money.of(price, 'USD'),
  quantity,
});
const place = (items: PricedItem[] = [item(1, 1999, 2), item(2, 500, 3)]) =>
  Order.place({ id: 'o1', customerId: 'c1', items, now: t0, paymentDueAt: due });

/** Brings a fresh order into `status` along legal transitions only. */
function orderIn(status: OrderStatus): Order {
  const order = place();
  const path: Record<OrderStatus, Array<(o: Order) => void>> = {
    pending_payment: [],
    paid: [(o) => o.markPaid(t0)],
    fulfilled: [(o) => o.markPaid(t0), (o) => o.fulfil(t0)],
    cancelled: [(o) => o.cancel('customer', t0)],
    refunded: [(o) => o.markPaid(t0), (o) => o.markRefunded(t0)],
  };
  path[status].forEach((step) => step(order));
  order.pullEvents();
  return order;
}

const move: Record<OrderStatus, (order: Order) => void> = {
  pending_payment: () => {
    throw new Error('no method moves an order back to pending_payment');
  },
  paid: (o) => o.markPaid(t0),
  fulfilled: (o) => o.fulfil(t0),
  cancelled: (o) => o.cancel('admin', t0),
  refunded: (o) => o.markRefunded(t0),
};

describe('Order', () => {
  describe('placing', () => {
    it('snapshots lines and computes line totals and the total in minor units', () => {
      const order = place();
      expect(order.status).toBe('pending_payment');
      expect(order.lines).toEqual([
        { productId: 'p1', sku: 'SKU-1', name: 'Product 1', unitPrice: 1999, quantity: 2, lineTotal: 3998 },
        { productId: 'p2', sku: 'SKU-2', name: 'Product 2', unitPrice: 500, quantity: 3, lineTotal: 1500 },
      ]);
      expect(order.total.equals(Money.of(5498, 'USD'))).toBe(true);
      expect(order.pullEvents()).toEqual([expect.objectContaining({ type: 'order.placed', aggregateId: 'o1', totalAmount: 5498 })]);
    });

    it.each([
      ['no lines', []],
      ['too many lines', Array.from({ length: MAX_LINES + 1 }, (_, n) => item(n))],
      ['a product twice', [item(1), item(1)]],
      ['quantity 0', [item(1, 100, 0)]],
      ['a negative quantity', [item(1, 100, -1)]],
      ['a fractional quantity', [item(1, 100, 1.5)]],
      ['a quantity above the maximum', [item(1, 100, MAX_QUANTITY + 1)]],
    ])('refuses %s, before and when placing', (_case, items) => {
      expect(() => Order.checkItems(items)).toThrow(InvalidOrder);
      expect(() => place(items as PricedItem[])).toThrow(InvalidOrder);
    });

    it('accepts the largest order allowed', () => {
      const items = Array.from({ length: MAX_LINES }, (_, n) => item(n, 100, MAX_QUANTITY));
      expect(() => Order.checkItems(items)).not.toThrow();
      const order = place(items);
      expect(order.totalAmount).toBe(MAX_LINES * MAX_QUANTITY * 100);
    });

    it('refuses a total past 2^53 minor units, a line\'s or the sum of lines each below it', () => {
      expect(() => place([item(1, 1_000_000_000_000, MAX_QUANTITY)])).toThrow(OrderTotalTooLarge);
      const half = Math.ceil(Number.MAX_SAFE_INTEGER / 2 / MAX_QUANTITY);
      expect(() => place([item(1, half, MAX_QUANTITY - 1)])).not.toThrow();
      expect(() => place([item(1, half, MAX_QUANTITY), item(2, half, MAX_QUANTITY)])).toThrow(OrderTotalTooLarge);
      expect(place([item(1, Number.MAX_SAFE_INTEGER, 1)]).totalAmount).toBe(Number.MAX_SAFE_INTEGER);
    });
  });

  describe('lifecycle', () => {
    const legal = ORDER_STATUSES.flatMap((from) => orderTransitions[from].map((to) => [from, to] as const));
    const illegal = ORDER_STATUSES.flatMap((from) =>
      ORDER_STATUSES.filter((to) => to !== 'pending_payment' && !orderTransitions[from].includes(to)).map((to) => [from, to] as const),
    );

    it('has the transitions of the contract', () => {
      expect(legal).toEqual([
        ['pending_payment', 'paid'],
        ['pending_payment', 'cancelled'],
        ['paid', 'fulfilled'],
        ['paid', 'refunded'],
        ['fulfilled', 'refunded'],
      ]);
    });

    it.each(legal)('moves from %s to %s and records it', (from, to) => {
      const order = orderIn(from);
      move[to](order);
      expect(order.status).toBe(to);
      expect(order.pullEvents()).toEqual([expect.objectContaining({ type: `order.${to}`, aggregateId: 'o1' })]);
    });

    it.each(illegal)('refuses to move from %s to %s, saying why', (from, to) => {
      const order = orderIn(from);
      expect(() => move[to](order)).toThrow(IllegalOrderTransition);
      expect(() => move[to](order)).toThrow(`is ${from}; it cannot become ${to}`);
      expect(order.status).toBe(from);
      expect(order.pullEvents()).toEqual([]);
    });

    it('records the cancellation reason, the customer to tell and the lines whose stock returns', () => {
      const order = orderIn('pending_payment');
      order.cancel('payment_timeout', due);
      expect(order).toMatchObject({ cancellationReason: 'payment_timeout', cancelledAt: due });
      expect(order.pullEvents()).toEqual([
        expect.objectContaining({ type: 'order.cancelled', customerId: 'c1', reason: 'payment_timeout', lines: order.lines }),
      ]);
    });

    it('is overdue only while unpaid and past its deadline', () => {
      expect(orderIn('pending_payment').isOverdue(new Date(due.getTime() - 1))).toBe(false);
      expect(orderIn('pending_payment').isOverdue(due)).toBe(true);
      expect(orderIn('paid').isOverdue(due)).toBe(false);
    });
  });
});
