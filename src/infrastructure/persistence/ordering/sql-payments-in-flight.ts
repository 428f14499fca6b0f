import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { PaymentsInFlight } from '../../../application/ordering/payments-in-flight';

/**
 * Reads the payments context's table: ordering depends on its data, never on its code (docs/decisions/0007: payments
 * already reaches ordering through a bridge, so a bridge back would make the two modules import each other).
 */
@Injectable()
export class SqlPaymentsInFlight extends PaymentsInFlight {
  constructor(private readonly em: SqlEntityManager) {
    super();
  }

  async exist(orderId: string): Promise<boolean> {
    const rows = await this.em.execute(
      `select 1 from transactions where order_id = ? and type = 'payment' and status = 'pending' limit 1`,
      [orderId],
    );
    return rows.length > 0;
  }
}
