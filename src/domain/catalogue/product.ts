import { characterCount } from '../shared/characters';
import { Money } from '../shared/money';
import { InvalidProduct, ProductAlreadyArchived } from './catalogue.errors';

export type ProductStatus = 'active' | 'archived';

const skuShape = /^[A-Z0-9-]{1,64}$/;
export const MAX_NAME_CHARACTERS = 200;
const CONTROL_CHARACTER = /\p{Cc}/u;

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
    product.apply({ name: input.name, description: input.description ?? null, price: input.price, stock: input.stock }, input.now);
    return product;
  }

  get price(): Money {
    return Money.of(this.priceAmount, this.currency);
  }

  get isActive(): boolean {
    return this.status === 'active';
  }

  /** Orders already placed keep the price they were placed at: they hold their own snapshot. */
  apply(changes: ProductChanges, now: Date): void {
    if (changes.name !== undefined) {
      const name = changes.name.trim();
      // Characters as JSON Schema's maxLength and the column count them: code points, an emoji one.
      const characters = characterCount(name);
      if (characters < 1 || characters > MAX_NAME_CHARACTERS) throw new InvalidProduct(`The name must be 1 to ${MAX_NAME_CHARACTERS} characters.`);
      // A name is shown in pages, lists, mails and CSV: a control character there is a mistake or a trick.
      if (CONTROL_CHARACTER.test(name)) throw new InvalidProduct('The name must not contain control characters.');
      this.name = name;
    }
    if (changes.description !== undefined) this.description = changes.description;
    if (changes.price !== undefined) {
      if (!changes.price.isPositive()) throw new InvalidProduct('The price must be greater than zero.');
      this.priceAmount = changes.price.amount;
      this.currency = changes.price.currency;
    }
    if (changes.stock !== undefined) {
      if (!Number.isInteger(changes.stock) || changes.stock < 0 || changes.stock > MAX_STOCK) {
        throw new InvalidProduct(`The stock must be a whole number from 0 to ${MAX_STOCK}.`);
      }
      this.stock = changes.stock;
    }
    this.updatedAt = now;
  }

  /** No longer listed or orderable; still readable from the orders that contain it. */
  archive(now: Date): void {
    if (this.status === 'archived') throw new ProductAlreadyArchived(this.id);
    this.status = 'archived';
    this.updatedAt = now;
  }
}
