import { Injectable } from '@nestjs/common';
import type { Order } from '../../domain/ordering/order';
import type { OrderStatus } from '../../domain/ordering/order-status';
import { type Actor, isAdmin } from '../shared/actor';
import type { Page, PageRequest } from '../shared/page';
import { OrderRepository } from './order.repository';

/** Customers see their own orders whatever they ask for; admins see all and may filter by customer. */
@Injectable()
export class ListOrders {
  constructor(private readonly orders: OrderRepository) {}

  execute(actor: Actor, query: PageRequest & { status?: OrderStatus; customerId?: string }): Promise<Page<Order>> {
    const customerId = isAdmin(actor) ? query.customerId : actor.userId;
    return this.orders.list({ ...query, customerId });
  }
}
