import type { Order } from '../../domain/ordering/order';
import type { OrderStatus } from '../../domain/ordering/order-status';
import type { Page, PageRequest } from '../shared/page';

/**
 * What a reader is shown of an order; a list that decides nothing loads only this. Its moments are RFC 3339 instants
 * in UTC with milliseconds, as replies carry them, formatted by the list's query as product reads' are (a page of 20
 * orders would otherwise make, format and collect up to 120 Dates).
 */
export type OrderView = Pick<Order, 'id' | 'customerId' | 'status' | 'lines' | 'currency' | 'totalAmount' | 'cancellationReason'> & {
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly paymentDueAt: string;
  readonly paidAt: string | null;
  readonly fulfilledAt: string | null;
  readonly cancelledAt: string | null;
};

const instantOrNull = (date: Date | null) => (date === null ? null : date.toISOString());

/** The view of an order loaded or changed as an aggregate: what placing, reading, cancelling and fulfilling reply. */
export function orderView(order: Order): OrderView {
  return {
    id: order.id,
    customerId: order.customerId,
    status: order.status,
    lines: order.lines,
    currency: order.currency,
    totalAmount: order.totalAmount,
    cancellationReason: order.cancellationReason,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    paymentDueAt: order.paymentDueAt.toISOString(),
    paidAt: instantOrNull(order.paidAt),
    fulfilledAt: instantOrNull(order.fulfilledAt),
    cancelledAt: instantOrNull(order.cancelledAt),
  };
}

export interface OrderQuery extends PageRequest {
  readonly customerId?: string;
  readonly status?: OrderStatus;
}

/** The read side of ordering: plain rows, no aggregate, no identity map (a page of 20 orders hydrated 20 aggregates). */
export abstract class OrderViews {
  /** Newest first; `after` is the id of the last order seen. */
  abstract list(query: OrderQuery): Promise<Page<OrderView>>;
}
