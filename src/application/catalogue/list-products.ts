import { Injectable } from '@nestjs/common';
import { ArchivedProductsHidden } from '../../domain/catalogue/catalogue.errors';
import type { Product, ProductStatus } from '../../domain/catalogue/product';
import { type Actor, isAdmin } from '../shared/actor';
import type { Page, PageRequest } from '../shared/page';
import { ProductRepository } from './product.repository';

@Injectable()
export class ListProducts {
  constructor(private readonly products: ProductRepository) {}

  execute(input: PageRequest & { search?: string; status?: ProductStatus }, actor?: Actor): Promise<Page<Product>> {
    const status = input.status ?? 'active';
    if (status === 'archived' && !(actor && isAdmin(actor))) throw new ArchivedProductsHidden();
    return this.products.list({ ...input, status });
  }
}
