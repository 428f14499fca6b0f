import { Injectable } from '@nestjs/common';
import type { Order } from '../../domain/ordering/order';
import { OrderNotFound } from '../../domain/ordering/ordering.errors';
import { Clock } from '../shared/clock';
import { EventPublisher } from '../shared/event-publisher';
import { UnitOfWork } from '../shared/unit-of-work';
import { OrderRepository } from './order.repository';

/** Admins mark a paid order as shipped. */
@Injectable()
export class FulfilOrder {
  constructor(
    private readonly orders: OrderRepository,
    private readonly events: EventPublisher,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(id: string): Promise<Order> {
    return this.uow.run(async () => {
      const order = await this.orders.byIdForUpdate(id);
      if (!order) throw new OrderNotFound(id);
      order.fulfil(this.clock.now());
      await this.orders.save(order);
      await this.events.publish(order.pullEvents());
      return order;
    });
  }
}
