import type { Product, ProductStatus } from '../../domain/catalogue/product';
import type { Page, PageRequest } from '../shared/page';

/**
 * What a reader is shown of a product; reads that decide nothing load only this. Its moments are RFC 3339 instants
 * in UTC with milliseconds, as replies carry them: the read formats them in its query, which spares a page of 20
 * products some 40 Dates made, formatted and collected (5-15% of the server's CPU per page, side by side).
 */
export interface ProductView {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly description: string | null;
  readonly price: { readonly amount: number; readonly currency: string };
  readonly stock: number;
  readonly status: ProductStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Goes up with every write of the product, a sale's reservation of stock included: its entity tag. */
  readonly version: number;
}

/** The view of a product just written: what creating or changing one replies with. */
export function productView(product: Product): ProductView {
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    description: product.description,
    price: { amount: product.priceAmount, currency: product.currency },
    stock: product.stock,
    status: product.status,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
    version: product.version,
  };
}

export interface ProductQuery extends PageRequest {
  /** Case-insensitive substring of name or SKU, taken literally. */
  readonly search?: string;
  readonly status: ProductStatus;
}

/** The read side of the catalogue: plain rows, no aggregate, no identity map (product reads are the hottest paths). */
export abstract class ProductViews {
  abstract byId(id: string): Promise<ProductView | null>;
  /** Ordered by name, then id; `after` is the key of the last item seen. */
  abstract list(query: ProductQuery): Promise<Page<ProductView>>;
}
