import { Injectable } from '@nestjs/common';
import { OrderNotFound } from '../../domain/ordering/ordering.errors';
import type { Order } from '../../domain/ordering/order';
import { EventPublisher } from '../shared/event-publisher';
import { OrderRepository } from './order.repository';

/**
 * What ordering offers the payments context: a locked read of an order and the two transitions payments
 * causes. The transitions go through the Order aggregate, so its lifecycle rules hold for payments too.
 * Callers run these inside their own unit of work.
 */
@Injectable()
export class OrderPayments {
  constructor(
    private readonly orders: OrderRepository,
    private readonly events: EventPublisher,
  ) {}

  lock(orderId: string): Promise<Order | null> {
    return this.orders.byIdForUpdate(orderId);
  }

  async markPaid(orderId: string, now: Date): Promise<void> {
    await this.transition(orderId, (order) => order.markPaid(now));
  }

  async markRefunded(orderId: string, now: Date): Promise<void> {
    await this.transition(orderId, (order) => order.markRefunded(now));
  }

  private async transition(orderId: string, change: (order: Order) => void): Promise<void> {
    const order = await this.orders.byIdForUpdate(orderId);
    if (!order) throw new OrderNotFound(orderId);
    change(order);
    await this.orders.save(order);
    await this.events.publish(order.pullEvents());
  }
}
