import type { Product } from '../../domain/catalogue/product';

/** The write side of the catalogue: the Product aggregate, loaded to be changed. Reads go through ProductViews. */
export abstract class ProductRepository {
  abstract nextId(): string;
  abstract byId(id: string): Promise<Product | null>;
  /**
   * Loaded under a row lock, within a unit of work: an admin's edit waits for the stock reservations under way on
   * the product (each of them bumps its version) instead of losing to them, as it would on a product that sells.
   */
  abstract byIdForUpdate(id: string): Promise<Product | null>;
  /** Throws SkuAlreadyExists when the SKU is taken. */
  abstract add(product: Product): Promise<void>;
  /** Throws ProductChangedConcurrently when the row changed since it was read (optimistic lock). */
  abstract save(product: Product): Promise<void>;
}
