import type { DomainEvent } from '../shared/domain-event';
import type { OrderLine } from './order-line';

export type OrderEvent = OrderPlaced | OrderCancelled | OrderPaid | OrderFulfilled | OrderRefunded;

export interface OrderPlaced extends DomainEvent {
  readonly type: 'order.placed';
  readonly customerId: string;
  readonly lines: readonly OrderLine[];
  readonly totalAmount: number;
  readonly currency: string;
}

export interface OrderCancelled extends DomainEvent {
  readonly type: 'order.cancelled';
  readonly customerId: string;
  readonly reason: CancellationReason;
  /** The stock these lines held goes back on sale. */
  readonly lines: readonly OrderLine[];
}

export interface OrderPaid extends DomainEvent {
  readonly type: 'order.paid';
}

export interface OrderFulfilled extends DomainEvent {
  readonly type: 'order.fulfilled';
}

export interface OrderRefunded extends DomainEvent {
  readonly type: 'order.refunded';
}

export type CancellationReason = 'customer' | 'admin' | 'payment_timeout';
