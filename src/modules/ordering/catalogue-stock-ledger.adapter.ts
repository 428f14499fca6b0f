import { Injectable } from '@nestjs/common';
import { ProductStock } from '../../application/catalogue/product-stock';
import { type Reservation, type StockLine, StockLedger } from '../../application/ordering/stock-ledger';

/**
 * Ordering's StockLedger, answered by the catalogue, which owns stock on hand. Its statements run in the order's
 * unit of work (one EntityManager per request or job), so a refused line still rolls back the lines taken before it.
 */
@Injectable()
export class CatalogueStockLedger extends StockLedger {
  constructor(private readonly stock: ProductStock) {
    super();
  }

  reserve(lines: readonly StockLine[]): Promise<Reservation> {
    return this.stock.take(lines);
  }

  release(lines: readonly StockLine[]): Promise<void> {
    return this.stock.putBack(lines);
  }
}
