export type OrderStatus = 'pending_payment' | 'paid' | 'fulfilled' | 'cancelled' | 'refunded';

export const ORDER_STATUSES: readonly OrderStatus[] = ['pending_payment', 'paid', 'fulfilled', 'cancelled', 'refunded'];

/** The order lifecycle, in one table: every transition not listed here is refused. */
export const orderTransitions: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_payment: ['paid', 'cancelled'],
  paid: ['fulfilled', 'refunded'],
  fulfilled: ['refunded'],
  cancelled: [],
  refunded: [],
};
