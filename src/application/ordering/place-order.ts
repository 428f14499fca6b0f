import { Injectable } from '@nestjs/common';
import { Order } from '../../domain/ordering/order';
import { EmailNotVerified, OutOfStock, ProductsNotOrderable, TooManyOpenOrders } from '../../domain/ordering/ordering.errors';
import type { Actor } from '../shared/actor';
import { Clock } from '../shared/clock';
import { EventPublisher } from '../shared/event-publisher';
import { UnitOfWork } from '../shared/unit-of-work';
import { OrderRepository } from './order.repository';
import { OrderingPolicy } from './ordering-policy';
import { StockLedger } from './stock-ledger';

export interface PlaceOrderInput {
  items: Array<{ productId: string; quantity: number }>;
}

/**
 * Prices come from the catalogue, never the client: reserving the stock returns them. Stock for every line is
 * reserved in the same transaction as the order is written: if any line is short or not on sale, nothing is
 * reserved and nothing is written.
 */
@Injectable()
export class PlaceOrder {
  constructor(
    private readonly orders: OrderRepository,
    private readonly stock: StockLedger,
    private readonly policy: OrderingPolicy,
    private readonly events: EventPublisher,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: PlaceOrderInput): Promise<Order> {
    if (this.policy.requireVerifiedEmail && !actor.emailVerified) throw new EmailNotVerified();
    Order.checkItems(input.items);
    return this.uow.run(async () => {
      const now = this.clock.now();
      if ((await this.orders.countAwaitingPaymentLocked(actor.userId, now)) >= this.policy.maxOpenOrders) {
        throw new TooManyOpenOrders(this.policy.maxOpenOrders);
      }
      const reservation = await this.stock.reserve(input.items);
      if (!reservation.ok) {
        throw reservation.notOrderable.length > 0 ? new ProductsNotOrderable(reservation.notOrderable) : new OutOfStock(reservation.short);
      }
      const reserved = new Map(reservation.products.map((product) => [product.id, product]));
      const order = Order.place({
        id: this.orders.nextId(),
        customerId: actor.userId,
        items: input.items.map((item) => {
          const product = reserved.get(item.productId)!;
          return { productId: product.id, sku: product.sku, name: product.name, unitPrice: product.price, quantity: item.quantity };
        }),
        now,
        paymentDueAt: new Date(now.getTime() + this.policy.paymentTimeoutSeconds * 1000),
      });
      await this.orders.add(order);
      await this.events.publish(order.pullEvents());
      return order;
    });
  }
}
