import { checkedDisplayName } from '../shared/display-text';
import { Money } from '../shared/money';
import { InvalidProduct, ProductAlreadyArchived, ProductVersionChanged } from './catalogue.errors';

export type ProductStatus = 'active' | 'archived';

const skuShape = /^[A-Z0-9-]{1,64}$/;
export const MAX_NAME_CHARACTERS = 200;

export const MAX_STOCK = 1_000_000_000;

export interface ProductChanges {
  name?: string;
  description?: string | null;
  price?: Money;
  stock?: number;
}

/** Something the store sells: its price, the stock on hand, and whether it can still be ordered. */
export class Product {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  priceAmount: number;
  currency: string;
  stock: number;
  status: ProductStatus;
  createdAt: Date;
  updatedAt: Date;
  version: number;

  static create(input: { id: string; sku: string; name: string; description?: string | null; price: Money; stock: number; now: Date }): Product {
    if (!skuShape.test(input.sku)) throw new InvalidProduct('The SKU must be 1 to 64 characters of A-Z, 0-9 and -.');
    const product = new Product();
    product.id = input.id;
    product.sku = input.sku;
    product.status = 'active';
    product.createdAt = input.now;
    product.version = 1;
    product.updatedAt = input.now;
    product.apply({ name: input.name, description: input.description ?? null, price: input.price, stock: input.stock }, input.now);
    return product;
  }

  get price(): Money {
    return Money.of(this.priceAmount, this.currency);
  }

  get isActive(): boolean {
    return this.status === 'active';
  }

  /**
   * Orders already placed keep the price they were placed at: they hold their own snapshot. Values equal to the
   * product's are no change: the product, its version and `updatedAt` stay as they were, so an edit sent twice does
   * not make another editor's If-Match fail.
   */
  apply(changes: ProductChanges, now: Date): void {
    let changed = false;
    if (changes.name !== undefined) {
      const name = checkedDisplayName(changes.name, MAX_NAME_CHARACTERS, (reason) => new InvalidProduct(reason));
      changed ||= name !== this.name;
      this.name = name;
    }
    if (changes.description !== undefined) {
      changed ||= changes.description !== this.description;
      this.description = changes.description;
    }
    if (changes.price !== undefined) {
      if (!changes.price.isPositive()) throw new InvalidProduct('The price must be greater than zero.');
      changed ||= changes.price.amount !== this.priceAmount || changes.price.currency !== this.currency;
      this.priceAmount = changes.price.amount;
      this.currency = changes.price.currency;
    }
    if (changes.stock !== undefined) {
      if (!Number.isInteger(changes.stock) || changes.stock < 0 || changes.stock > MAX_STOCK) {
        throw new InvalidProduct(`The stock must be a whole number from 0 to ${MAX_STOCK}.`);
      }
      changed ||= changes.stock !== this.stock;
      this.stock = changes.stock;
    }
    if (changed) this.updatedAt = now;
  }

  /** A change sent for given versions (If-Match) is made only if one of them is still current. */
  assertVersionIn(expectedVersions: readonly number[] | undefined): void {
    if (expectedVersions && !expectedVersions.includes(this.version)) throw new ProductVersionChanged(this.id, this.version);
  }

  /** No longer listed or orderable; still readable from the orders that contain it. */
  archive(now: Date): void {
    if (this.status === 'archived') throw new ProductAlreadyArchived(this.id);
    this.status = 'archived';
    this.updatedAt = now;
  }
}
