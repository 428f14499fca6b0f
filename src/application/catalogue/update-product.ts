import { Injectable } from '@nestjs/common';
import { ProductNotFound } from '../../domain/catalogue/catalogue.errors';
import type { Product } from '../../domain/catalogue/product';
import { Clock } from '../shared/clock';
import { StoreCurrency, storeMoney } from '../shared/store-currency';
import { ProductRepository } from './product.repository';

export interface UpdateProductInput {
  name?: string;
  description?: string | null;
  price?: { amount: number; currency: string };
  stock?: number;
}

/** Admins edit a product; orders already placed keep their own price snapshot. */
@Injectable()
export class UpdateProduct {
  constructor(
    private readonly products: ProductRepository,
    private readonly currency: StoreCurrency,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, input: UpdateProductInput): Promise<Product> {
    const product = await this.products.byId(id);
    if (!product) throw new ProductNotFound(id);
    const { price, ...rest } = input;
    product.apply({ ...rest, ...(price ? { price: storeMoney(this.currency, price) } : {}) }, this.clock.now());
    await this.products.save(product);
    return product;
  }
}
