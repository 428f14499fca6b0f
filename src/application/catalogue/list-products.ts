import { Injectable } from '@nestjs/common';
import { ArchivedProductsHidden, ArchivedProductsNeedAuthentication } from '../../domain/catalogue/catalogue.errors';
import type { ProductStatus } from '../../domain/catalogue/product';
import { type Actor, isAdmin } from '../shared/actor';
import type { Page, PageRequest } from '../shared/page';
import { type ProductView, ProductViews } from './product-views';

@Injectable()
export class ListProducts {
  constructor(private readonly products: ProductViews) {}

  execute(input: PageRequest & { search?: string; status?: ProductStatus }, actor?: Actor): Promise<Page<ProductView>> {
    const status = input.status ?? 'active';
    if (status === 'archived') {
      if (!actor) throw new ArchivedProductsNeedAuthentication();
      if (!isAdmin(actor)) throw new ArchivedProductsHidden();
    }
    return this.products.list({ ...input, status });
  }
}
