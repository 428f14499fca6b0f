import type { ProductStatus } from '../../domain/catalogue/product';

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

/** The read side of the catalogue: plain rows, no aggregate, no identity map (the product read is the hottest path). */
export abstract class ProductViews {
  abstract byId(id: string): Promise<ProductView | null>;
}
