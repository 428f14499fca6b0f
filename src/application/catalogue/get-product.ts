import { Injectable } from '@nestjs/common';
import { ProductNotFound } from '../../domain/catalogue/catalogue.errors';
import { type Actor, isAdmin } from '../shared/actor';
import { type ProductView, ProductViews } from './product-views';

/** Anyone sees an active product; only admins see archived ones. */
@Injectable()
export class GetProduct {
  constructor(private readonly products: ProductViews) {}

  async execute(id: string, actor?: Actor): Promise<ProductView> {
    const product = await this.products.byId(id);
    if (!product || (product.status !== 'active' && !(actor && isAdmin(actor)))) throw new ProductNotFound(id);
    return product;
  }
}
