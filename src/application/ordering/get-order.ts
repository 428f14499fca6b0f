import { Injectable } from '@nestjs/common';
import type { Order } from '../../domain/ordering/order';
import { OrderNotFound } from '../../domain/ordering/ordering.errors';
import { type Actor, isAdmin } from '../shared/actor';
import { OrderRepository } from './order.repository';

/** Another customer's order is answered exactly like a missing one, so ids reveal nothing. */
export function assertVisible(order: Order | null, actor: Actor, id: string): asserts order is Order {
  if (!order || !(isAdmin(actor) || order.belongsTo(actor.userId))) throw new OrderNotFound(id);
}

@Injectable()
export class GetOrder {
  constructor(private readonly orders: OrderRepository) {}

  async execute(actor: Actor, id: string): Promise<Order> {
    const order = await this.orders.byId(id);
    assertVisible(order, actor, id);
    return order;
  }
}
