import type { Product, ProductStatus } from '../../domain/catalogue/product';
import type { Page, PageRequest } from '../shared/page';

export interface ProductQuery extends PageRequest {
  /** Case-insensitive substring of name or SKU, taken literally. */
  readonly search?: string;
  readonly status: ProductStatus;
}

export abstract class ProductRepository {
  abstract nextId(): string;
  abstract byId(id: string): Promise<Product | null>;
  /** Throws SkuAlreadyExists when the SKU is taken. */
  abstract add(product: Product): Promise<void>;
  /** Throws ProductChangedConcurrently when the row changed since it was read (optimistic lock). */
  abstract save(product: Product): Promise<void>;
  /** Ordered by name, then id; `after` is the key of the last item seen. */
  abstract list(query: ProductQuery): Promise<Page<Product>>;
}
