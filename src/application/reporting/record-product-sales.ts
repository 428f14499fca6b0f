import { Injectable } from '@nestjs/common';
import { DomainEventHandler, type PublishedEvent } from '../shared/domain-event-handler';
import { ProductSalesLedger } from './product-sales-ledger';

/** Keeps the product sales ledger current with `order.paid`; a redelivered event counts nothing twice. */
@Injectable()
export class RecordProductSales extends DomainEventHandler {
  readonly name = 'product-sales';

  constructor(private readonly ledger: ProductSalesLedger) {
    super();
  }

  handle(event: PublishedEvent): Promise<void> {
    return this.handleAll([event]);
  }

  /** The relay's whole batch in one statement. */
  override async handleAll(events: readonly PublishedEvent[]): Promise<void> {
    const paid = events.filter((event) => event.type === 'order.paid').map((event) => event.aggregateId);
    if (paid.length > 0) await this.ledger.recordPaidOrders(paid);
  }
}
