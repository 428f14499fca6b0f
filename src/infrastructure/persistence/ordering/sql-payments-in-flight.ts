import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { PaymentsInFlight } from '../../../application/ordering/payments-in-flight';

/** Reads the payments context's table: ordering depends on its data, never on its code. */
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
