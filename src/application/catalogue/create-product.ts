import { Injectable } from '@nestjs/common';
import { Product } from '../../domain/catalogue/product';
import { Clock } from '../shared/clock';
import { StoreCurrency, storeMoney } from '../shared/store-currency';
import { ProductRepository } from './product.repository';

export interface CreateProductInput {
  sku: string;
  name: string;
  description?: string | null;
  price: { amount: number; currency: string };
  stock: number;
  /** A chosen id (the demo catalogue's are fixed, so the API document's examples name real products); new by default. */
  id?: string;
}

@Injectable()
export class CreateProduct {
  constructor(
    private readonly products: ProductRepository,
    private readonly currency: StoreCurrency,
    private readonly clock: Clock,
  ) {}

  async execute(input: CreateProductInput): Promise<Product> {
    const product = Product.create({
      id: input.id ?? this.products.nextId(),
      sku: input.sku,
      name: input.name,
      description: input.description,
      price: storeMoney(this.currency, input.price),
      stock: input.stock,
      now: this.clock.now(),
    });
    await this.products.add(product);
    return product;
  }
}
