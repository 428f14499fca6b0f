import type { Money } from '../../domain/shared/money';

export interface StockLine {
  readonly productId: string;
  readonly quantity: number;
}

/** What ordering needs to know of a product it takes stock of: the catalogue's data at that moment. */
export interface OrderableProduct {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly price: Money;
}

/** Either every line's stock was taken, with the products' current data, or the products that stopped it. */
export type Reservation =
  | { readonly ok: true; readonly products: readonly OrderableProduct[] }
  | { readonly ok: false; readonly notOrderable: string[]; readonly short: string[] };

/** The stock an order holds: taken when it is placed, put back when it is cancelled or expires (the catalogue's). */
export abstract class StockLedger {
  /**
   * Takes the quantities off the stock of products on sale, line by line, and returns their data (prices come
   * from the catalogue, never the client). When it is not `ok`, the caller must abandon the unit of work so the
   * lines already taken are rolled back.
   */
  abstract reserve(lines: readonly StockLine[]): Promise<Reservation>;
  abstract release(lines: readonly StockLine[]): Promise<void>;
}
