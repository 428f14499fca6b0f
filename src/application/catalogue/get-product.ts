import { Injectable } from '@nestjs/common';
import { ProductNotFound } from '../../domain/catalogue/catalogue.errors';
import type { Product } from '../../domain/catalogue/product';
import { type Actor, isAdmin } from '../shared/actor';
import { ProductRepository } from './product.repository';

/** Anyone sees an active product; only admins see archived ones. */
@Injectable()
export class GetProduct {
  constructor(private readonly products: ProductRepository) {}

  async execute(id: string, actor?: Actor): Promise<Product> {
    const product = await this.products.byId(id);
    if (!product || (!product.isActive && !(actor && isAdmin(actor)))) throw new ProductNotFound(id);
    return product;
  }
}
