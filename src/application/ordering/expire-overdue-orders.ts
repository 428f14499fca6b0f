import { Injectable } from '@nestjs/common';
import type { Order } from '../../domain/ordering/order';
import { Clock } from '../shared/clock';
import { EventPublisher } from '../shared/event-publisher';
import { UnitOfWork } from '../shared/unit-of-work';
import { OrderRepository } from './order.repository';
import { type StockLine, StockLedger } from './stock-ledger';

const BATCH = 100;

/**
 * The stock of every order of a batch as one release, each product once: the ledger takes products in one order,
 * as a placement or a cancel does. Released order by order, a batch holding one product while it waited for
 * another deadlocked with a placement taking the two the other way round.
 */
function linesOf(orders: readonly Order[]): StockLine[] {
  const quantities = new Map<string, number>();
  for (const order of orders) {
    for (const line of order.lines) quantities.set(line.productId, (quantities.get(line.productId) ?? 0) + line.quantity);
  }
  return [...quantities].map(([productId, quantity]) => ({ productId, quantity }));
}

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
    // Until a batch finds nothing: one that came back short may only have left out an order being paid.
    for (let batch = BATCH; batch > 0; ) {
      batch = await this.uow.run(async () => {
        const now = this.clock.now();
        const overdue = await this.orders.overdueForUpdate(now, BATCH);
        if (overdue.length === 0) return 0;
        for (const order of overdue) order.cancel('payment_timeout', now);
        await this.stock.release(linesOf(overdue));
        for (const order of overdue) {
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
