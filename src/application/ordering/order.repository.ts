import type { Order } from '../../domain/ordering/order';

/** The write side of ordering: the Order aggregate, loaded to be changed. Lists go through OrderViews. */
export abstract class OrderRepository {
  abstract nextId(): string;
  abstract byId(id: string): Promise<Order | null>;
  /** Reads the order and locks its row until the unit of work ends: concurrent changes queue up. */
  abstract byIdForUpdate(id: string): Promise<Order | null>;
  abstract add(order: Order): Promise<void>;
  abstract save(order: Order): Promise<void>;
  /**
   * Counts the customer's orders still awaiting payment at `now` (one past its deadline is no longer payable, and
   * expiry releases its stock), holding a per-customer lock until the unit of work ends, so two concurrent
   * placements cannot both slip under the cap.
   */
  abstract countAwaitingPaymentLocked(customerId: string, now: Date): Promise<number>;
  /** Overdue unpaid orders, locked; rows another instance is already handling are skipped, not waited for. */
  abstract overdueForUpdate(now: Date, limit: number): Promise<Order[]>;
}
