import { Injectable } from '@nestjs/common';
import { type Actor, isAdmin } from '../shared/actor';
import type { Page } from '../shared/page';
import { type OrderQuery, type OrderView, OrderViews } from './order-views';

/** Customers see their own orders whatever they ask for; admins see all and may filter by customer. */
@Injectable()
export class ListOrders {
  constructor(private readonly orders: OrderViews) {}

  execute(actor: Actor, query: OrderQuery): Promise<Page<OrderView>> {
    const customerId = isAdmin(actor) ? query.customerId : actor.userId;
    return this.orders.list({ ...query, customerId });
  }
}
