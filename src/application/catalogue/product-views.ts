import type { ProductStatus } from '../../domain/catalogue/product';
import type { Page, PageRequest } from '../shared/page';

/** What a reader is shown of a product. The aggregate satisfies it too; reads that decide nothing load only this. */
export interface ProductView {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly description: string | null;
  readonly price: { readonly amount: number; readonly currency: string };
  readonly stock: number;
  readonly status: ProductStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
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
