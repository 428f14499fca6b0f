import { DomainError } from '../shared/domain-error';
import type { OrderStatus } from './order-status';

export class InvalidOrder extends DomainError {
  readonly code = 'invalid-order';
  readonly kind = 'invalid';
}

/** The catalogue's prices times the quantities come to more than an amount of money can hold. */
export class OrderTotalTooLarge extends DomainError {
  readonly code = 'order-total-too-large';
  readonly kind = 'unprocessable';
  constructor() {
    super(`The order's total, at the catalogue's prices, is more than ${Number.MAX_SAFE_INTEGER} minor units: order fewer.`);
  }
}

export class OrderNotFound extends DomainError {
  readonly code = 'order-not-found';
  readonly kind = 'not_found';
  constructor(id: string) {
    super(`No order ${id}.`);
  }
}

/** A state change the order's lifecycle does not allow; says from where to where, so a client knows why. */
export class IllegalOrderTransition extends DomainError {
  readonly code = 'illegal-order-transition';
  readonly kind = 'conflict';
  override readonly details: { orderId: string; currentStatus: OrderStatus; requestedStatus: OrderStatus };
  constructor(orderId: string, from: OrderStatus, to: OrderStatus) {
    super(`Order ${orderId} is ${from}; it cannot become ${to}.`);
    this.details = { orderId, currentStatus: from, requestedStatus: to };
  }
}

export class OutOfStock extends DomainError {
  readonly code = 'out-of-stock';
  readonly kind = 'conflict';
  override readonly details: { productIds: string[] };
  constructor(productIds: string[]) {
    super('Not enough stock for some lines; nothing was reserved.');
    this.details = { productIds };
  }
}

export class ProductsNotOrderable extends DomainError {
  readonly code = 'products-not-orderable';
  readonly kind = 'unprocessable';
  override readonly details: { productIds: string[] };
  constructor(productIds: string[]) {
    super('Some products do not exist or are no longer sold.');
    this.details = { productIds };
  }
}

export class TooManyOpenOrders extends DomainError {
  readonly code = 'too-many-open-orders';
  readonly kind = 'conflict';
  constructor(limit: number) {
    super(`At most ${limit} orders may await payment at once; pay or cancel one first.`);
  }
}

export class OrderPaymentInProgress extends DomainError {
  readonly code = 'payment-in-progress';
  readonly kind = 'conflict';
  constructor(orderId: string) {
    super(`A payment for order ${orderId} is being processed; it cannot be cancelled now.`);
  }
}

/** The store requires a proven address to order (REQUIRE_VERIFIED_EMAIL), and this customer's is not yet. */
export class EmailNotVerified extends DomainError {
  readonly code = 'email-not-verified';
  readonly kind = 'forbidden';
  constructor() {
    super('Verify your email address before placing an order: follow the link mailed to you, or ask for a new one.');
  }
}
