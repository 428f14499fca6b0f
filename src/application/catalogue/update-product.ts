import { Injectable } from '@nestjs/common';
import { ProductNotFound } from '../../domain/catalogue/catalogue.errors';
import type { Product } from '../../domain/catalogue/product';
import { Clock } from '../shared/clock';
import { StoreCurrency, storeMoney } from '../shared/store-currency';
import { UnitOfWork } from '../shared/unit-of-work';
import { ProductRepository } from './product.repository';

export interface UpdateProductInput {
  name?: string;
  description?: string | null;
  price?: { amount: number; currency: string };
  stock?: number;
}

/**
 * Admins edit a product; orders already placed keep their own price snapshot. A change sent for given versions of
 * the product (If-Match) is made only if one of them is still current: a stock count set from a product read before a
 * sale would otherwise put back on sale what the sale reserved.
 */
@Injectable()
export class UpdateProduct {
  constructor(
    private readonly products: ProductRepository,
    private readonly currency: StoreCurrency,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(id: string, input: UpdateProductInput, expectedVersions?: readonly number[]): Promise<Product> {
    return this.uow.run(async () => {
      const product = await this.products.byIdForUpdate(id);
      if (!product) throw new ProductNotFound(id);
      product.assertVersionIn(expectedVersions);
      const { price, ...rest } = input;
      product.apply({ ...rest, ...(price ? { price: storeMoney(this.currency, price) } : {}) }, this.clock.now());
      await this.products.save(product);
      return product;
    });
  }
}
