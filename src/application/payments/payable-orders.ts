import type { Money } from '../../domain/shared/money';

/** What payments needs to know of an order. */
export interface PayableOrder {
  readonly id: string;
  readonly customerId: string;
  readonly status: string;
  readonly total: Money;
  /** Past it an order awaiting payment is no longer payable: expiry cancels it and puts its stock back on sale. */
  readonly paymentDueAt: Date;
}

/**
 * Payments' view of ordering. Reads lock the order row until the unit of work ends, so payments and refunds
 * of one order are serialised; the state changes go through the Order aggregate's own rules.
 */
export abstract class PayableOrders {
  abstract lock(orderId: string): Promise<PayableOrder | null>;
  abstract markPaid(orderId: string, now: Date): Promise<void>;
  abstract markRefunded(orderId: string, now: Date): Promise<void>;
}
