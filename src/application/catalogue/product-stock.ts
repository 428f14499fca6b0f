import type { Money } from '../../domain/shared/money';

export interface StockLine {
  readonly productId: string;
  readonly quantity: number;
}

/** A product whose stock was taken, as the catalogue has it at that moment. */
export interface TakenProduct {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly price: Money;
}

/** Either every line's stock was taken, with the products' current data, or the products that stopped it. */
export type StockTaken =
  | { readonly ok: true; readonly products: readonly TakenProduct[] }
  | { readonly ok: false; readonly notOrderable: string[]; readonly short: string[] };

/**
 * Stock on hand, taken and put back for other contexts (ordering) inside their unit of work, only by atomic
 * conditional updates, so it never goes below zero.
 */
export abstract class ProductStock {
  /**
   * Takes the quantities off the stock of products on sale, line by line, and returns their data (prices are the
   * catalogue's). When it is not `ok`, the caller must abandon the unit of work so the lines already taken roll back.
   */
  abstract take(lines: readonly StockLine[]): Promise<StockTaken>;
  abstract putBack(lines: readonly StockLine[]): Promise<void>;
}
