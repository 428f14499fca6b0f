import { Injectable } from '@nestjs/common';
import type { Order } from '../../domain/ordering/order';
import { OrderPaymentInProgress } from '../../domain/ordering/ordering.errors';
import { type Actor, isAdmin } from '../shared/actor';
import { Clock } from '../shared/clock';
import { EventPublisher } from '../shared/event-publisher';
import { UnitOfWork } from '../shared/unit-of-work';
import { assertVisible } from './get-order';
import { OrderRepository } from './order.repository';
import { PaymentsInFlight } from './payments-in-flight';
import { StockLedger } from './stock-ledger';

/** Only an order awaiting payment can be cancelled; its stock goes back on sale exactly once. */
@Injectable()
export class CancelOrder {
  constructor(
    private readonly orders: OrderRepository,
    private readonly stock: StockLedger,
    private readonly paymentsInFlight: PaymentsInFlight,
    private readonly events: EventPublisher,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(actor: Actor, id: string): Promise<Order> {
    return this.uow.run(async () => {
      const order = await this.orders.byIdForUpdate(id);
      assertVisible(order, actor, id);
      // Under the order's lock, which a payment also takes before it records itself: no race between the two.
      if (order.status === 'pending_payment' && (await this.paymentsInFlight.exist(order.id))) throw new OrderPaymentInProgress(order.id);
      order.cancel(isAdmin(actor) ? 'admin' : 'customer', this.clock.now());
      await this.stock.release(order.lines);
      await this.orders.save(order);
      await this.events.publish(order.pullEvents());
      return order;
    });
  }
}
