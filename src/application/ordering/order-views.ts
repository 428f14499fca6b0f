import type { Order } from '../../domain/ordering/order';
import type { OrderStatus } from '../../domain/ordering/order-status';
import type { Page, PageRequest } from '../shared/page';

/** What a reader is shown of an order. The aggregate satisfies it too; a list that decides nothing loads only this. */
export type OrderView = Pick<
  Order,
  | 'id'
  | 'customerId'
  | 'status'
  | 'lines'
  | 'currency'
  | 'totalAmount'
  | 'createdAt'
  | 'updatedAt'
  | 'paymentDueAt'
  | 'paidAt'
  | 'fulfilledAt'
  | 'cancelledAt'
  | 'cancellationReason'
>;

export interface OrderQuery extends PageRequest {
  readonly customerId?: string;
  readonly status?: OrderStatus;
}

/** The read side of ordering: plain rows, no aggregate, no identity map (a page of 20 orders hydrated 20 aggregates). */
export abstract class OrderViews {
  /** Newest first; `after` is the id of the last order seen. */
  abstract list(query: OrderQuery): Promise<Page<OrderView>>;
}
