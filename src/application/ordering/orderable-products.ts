import type { Money } from '../../domain/shared/money';

export interface OrderableProduct {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly price: Money;
}

/** What ordering needs to know of the catalogue: the products still on sale, with their current price. */
export abstract class OrderableProducts {
  abstract activeByIds(ids: readonly string[]): Promise<OrderableProduct[]>;
}
