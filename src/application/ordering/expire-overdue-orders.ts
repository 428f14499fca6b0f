import { Injectable } from '@nestjs/common';
import { Clock } from '../shared/clock';
import { EventPublisher } from '../shared/event-publisher';
import { UnitOfWork } from '../shared/unit-of-work';
import { OrderRepository } from './order.repository';
import { StockLedger } from './stock-ledger';

const BATCH = 100;

/**
 * Cancels orders left unpaid past their deadline and puts their stock back on sale. Safe to run on every
 * instance at once: each batch locks its rows and skips rows another instance holds.
 */
@Injectable()
export class ExpireOverdueOrders {
  constructor(
    private readonly orders: OrderRepository,
    private readonly stock: StockLedger,
    private readonly events: EventPublisher,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<number> {
    let expired = 0;
    for (let batch = BATCH; batch === BATCH; ) {
      batch = await this.uow.run(async () => {
        const now = this.clock.now();
        const overdue = await this.orders.overdueForUpdate(now, BATCH);
        for (const order of overdue) {
          order.cancel('payment_timeout', now);
          await this.stock.release(order.lines);
          await this.orders.save(order);
          await this.events.publish(order.pullEvents());
        }
        return overdue.length;
      });
      expired += batch;
    }
    return expired;
  }
}
