import { AggregateRoot } from '../shared/aggregate-root';
import { Money } from '../shared/money';
import type { CancellationReason, OrderEvent } from './order-events';
import type { OrderLine } from './order-line';
import { IllegalOrderTransition, InvalidOrder, OrderTotalTooLarge } from './ordering.errors';
import { type OrderStatus, orderTransitions } from './order-status';

export const MAX_LINES = 50;
export const MAX_QUANTITY = 10_000;

/** What the catalogue says about a product at the moment of ordering. */
export interface PricedItem {
  readonly productId: string;
  readonly sku: string;
  readonly name: string;
  readonly unitPrice: Money;
  readonly quantity: number;
}

/**
 * A customer's order: the lines and prices fixed when it was placed, and a lifecycle that only moves along
 * `orderTransitions`. Every change records a domain event for whoever reacts to it.
 */
export class Order extends AggregateRoot<OrderEvent> {
  id: string;
  customerId: string;
  status: OrderStatus;
  lines: OrderLine[];
  currency: string;
  totalAmount: number;
  createdAt: Date;
  updatedAt: Date;
  paymentDueAt: Date;
  paidAt: Date | null;
  fulfilledAt: Date | null;
  cancelledAt: Date | null;
  cancellationReason: CancellationReason | null;
  refundedAt: Date | null;
  version: number;

  /**
   * The rules an order's items obey whatever the catalogue says: checked before any stock is taken, so a
   * malformed order locks nothing, and again by `place`.
   */
  static checkItems(items: readonly { productId: string; quantity: number }[]): void {
    if (items.length < 1 || items.length > MAX_LINES) throw new InvalidOrder(`An order has 1 to ${MAX_LINES} lines.`);
    if (new Set(items.map((item) => item.productId)).size !== items.length) {
      throw new InvalidOrder('Each product may appear on one line only; add up the quantities instead.');
    }
    if (items.some((item) => !Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > MAX_QUANTITY)) {
      throw new InvalidOrder(`Quantities are whole numbers from 1 to ${MAX_QUANTITY}.`);
    }
  }

  static place(input: { id: string; customerId: string; items: readonly PricedItem[]; now: Date; paymentDueAt: Date }): Order {
    const { items } = input;
    Order.checkItems(items);
    // Prices up to 10^12 times quantities up to 10,000 can pass 2^53, where Money refused a line with a generic 400.
    const exactTotal = items.reduce((sum, item) => sum + BigInt(item.unitPrice.amount) * BigInt(item.quantity), 0n);
    if (exactTotal > BigInt(Number.MAX_SAFE_INTEGER)) throw new OrderTotalTooLarge();
    const currency = items[0].unitPrice.currency;
    let total = Money.zero(currency);
    const lines = items.map((item) => {
      const lineTotal = item.unitPrice.times(item.quantity);
      total = total.add(lineTotal);
      const { productId, sku, name, quantity } = item;
      return { productId, sku, name, unitPrice: item.unitPrice.amount, quantity, lineTotal: lineTotal.amount };
    });

    const order = new Order();
    order.id = input.id;
    order.customerId = input.customerId;
    order.status = 'pending_payment';
    order.lines = lines;
    order.currency = currency;
    order.totalAmount = total.amount;
    order.createdAt = input.now;
    order.updatedAt = input.now;
    order.paymentDueAt = input.paymentDueAt;
    order.paidAt = null;
    order.fulfilledAt = null;
    order.cancelledAt = null;
    order.cancellationReason = null;
    order.refundedAt = null;
    order.version = 1;
    order.record({
      type: 'order.placed',
      aggregateId: order.id,
      occurredAt: input.now,
      customerId: order.customerId,
      lines,
      totalAmount: order.totalAmount,
      currency,
    });
    return order;
  }

  get total(): Money {
    return Money.of(this.totalAmount, this.currency);
  }

  belongsTo(customerId: string): boolean {
    return this.customerId === customerId;
  }

  /** True once the payment deadline has passed without a payment. */
  isOverdue(now: Date): boolean {
    return this.status === 'pending_payment' && this.paymentDueAt <= now;
  }

  cancel(reason: CancellationReason, now: Date): void {
    this.moveTo('cancelled', now);
    this.cancelledAt = now;
    this.cancellationReason = reason;
    this.record({ type: 'order.cancelled', aggregateId: this.id, occurredAt: now, customerId: this.customerId, reason, lines: this.lines });
  }

  markPaid(now: Date): void {
    this.moveTo('paid', now);
    this.paidAt = now;
    this.record({ type: 'order.paid', aggregateId: this.id, occurredAt: now });
  }

  fulfil(now: Date): void {
    this.moveTo('fulfilled', now);
    this.fulfilledAt = now;
    this.record({ type: 'order.fulfilled', aggregateId: this.id, occurredAt: now });
  }

  markRefunded(now: Date): void {
    this.moveTo('refunded', now);
    this.refundedAt = now;
    this.record({ type: 'order.refunded', aggregateId: this.id, occurredAt: now });
  }

  private moveTo(next: OrderStatus, now: Date): void {
    if (!orderTransitions[this.status].includes(next)) throw new IllegalOrderTransition(this.id, this.status, next);
    this.status = next;
    this.updatedAt = now;
  }
}
