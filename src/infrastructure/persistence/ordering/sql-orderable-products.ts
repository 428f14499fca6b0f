import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { type OrderableProduct, OrderableProducts } from '../../../application/ordering/orderable-products';
import { Money } from '../../../domain/shared/money';

/** Reads the catalogue's table directly: ordering depends on its data, never on its code. */
@Injectable()
export class SqlOrderableProducts extends OrderableProducts {
  constructor(private readonly em: SqlEntityManager) {
    super();
  }

  async activeByIds(ids: readonly string[]): Promise<OrderableProduct[]> {
    if (ids.length === 0) return [];
    const rows = await this.em.execute<Array<{ id: string; sku: string; name: string; price_amount: string | number; currency: string }>>(
      `select id, sku, name, price_amount, currency from products
        where id in (${ids.map(() => '?').join(', ')}) and status = 'active'`,
      [...ids],
    );
    return rows.map((row) => ({ id: row.id, sku: row.sku, name: row.name, price: Money.of(Number(row.price_amount), row.currency) }));
  }
}
