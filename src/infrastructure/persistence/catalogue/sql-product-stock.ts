import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { ProductStock, type StockLine, type StockTaken, type TakenProduct } from '../../../application/catalogue/product-stock';
import { Money } from '../../../domain/shared/money';
import { runNative } from '../native-statement';

interface ReservedRow {
  id: string;
  sku: string;
  name: string;
  price_amount: string | number;
  currency: string;
}

/**
 * Each reservation is one conditional UPDATE (`stock >= quantity`) that returns the product's data: the row
 * lock it takes makes concurrent reservations queue, and the condition makes overselling impossible. Lines are
 * taken in product-id order so two multi-line orders never wait on each other in a cycle. The version bump
 * tells an admin's concurrent edit.
 */
@Injectable()
export class SqlProductStock extends ProductStock {
  constructor(private readonly em: SqlEntityManager) {
    super();
  }

  async take(lines: readonly StockLine[]): Promise<StockTaken> {
    const products: TakenProduct[] = [];
    const refused: string[] = [];
    for (const line of byProduct(lines)) {
      const [row] = await runNative<ReservedRow>(
        this.em,
        `update products set stock = stock - ?, version = version + 1
          where id = ? and status = 'active' and stock >= ?
          returning id, sku, name, price_amount, currency`,
        [line.quantity, line.productId, line.quantity],
      );
      if (row) products.push({ id: row.id, sku: row.sku, name: row.name, price: Money.of(Number(row.price_amount), row.currency) });
      else refused.push(line.productId);
    }
    return refused.length === 0 ? { ok: true, products } : { ok: false, ...(await this.whyRefused(refused)) };
  }

  async putBack(lines: readonly StockLine[]): Promise<void> {
    for (const line of byProduct(lines)) {
      await this.em.execute('update products set stock = stock + ?, version = version + 1 where id = ?', [line.quantity, line.productId], 'run');
    }
  }

  /** Only on the failure path: a product not taken is either not on sale (or unknown) or short of stock. */
  private async whyRefused(productIds: string[]): Promise<{ notOrderable: string[]; short: string[] }> {
    const rows = await this.em.execute<Array<{ id: string }>>(
      `select id from products where id in (${productIds.map(() => '?').join(', ')}) and status = 'active'`,
      productIds,
    );
    const onSale = new Set(rows.map((row) => row.id));
    return { notOrderable: productIds.filter((id) => !onSale.has(id)), short: productIds.filter((id) => onSale.has(id)) };
  }
}

const byProduct = (lines: readonly StockLine[]) => [...lines].sort((a, b) => a.productId.localeCompare(b.productId));
