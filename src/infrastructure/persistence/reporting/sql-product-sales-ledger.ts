import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { ProductSalesLedger } from '../../../application/reporting/product-sales-ledger';
import { recordPaidOrdersSql } from './product-sales-sql';

const RECORD_GIVEN_ORDERS_SQL = recordPaidOrdersSql('select unnest(?::uuid[])');

@Injectable()
export class SqlProductSalesLedger extends ProductSalesLedger {
  constructor(private readonly em: SqlEntityManager) {
    super();
  }

  async recordPaidOrders(orderIds: readonly string[]): Promise<void> {
    // A PostgreSQL array literal: the ids are the database's own UUIDs, from the orders' events.
    await this.em.execute(RECORD_GIVEN_ORDERS_SQL, [`{${orderIds.join(',')}}`]);
  }
}
