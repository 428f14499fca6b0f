import { Injectable } from '@nestjs/common';
import { ArchivedProductsHidden } from '../../domain/catalogue/catalogue.errors';
import type { ProductStatus } from '../../domain/catalogue/product';
import { AuthenticationRequired } from '../../domain/shared/authentication-required';
import { type Actor, isAdmin } from '../shared/actor';
import type { Page, PageRequest } from '../shared/page';
import { type ProductView, ProductViews } from './product-views';

@Injectable()
export class ListProducts {
  constructor(private readonly products: ProductViews) {}

  execute(input: PageRequest & { search?: string; status?: ProductStatus }, actor?: Actor): Promise<Page<ProductView>> {
    const status = input.status ?? 'active';
    if (status === 'archived') {
      // Asked who they are (401) before being refused: a client that signs in on 401 does.
      if (!actor) throw new AuthenticationRequired();
      if (!isAdmin(actor)) throw new ArchivedProductsHidden();
    }
    // Names are kept in NFC: so is what they are searched for.
    return this.products.list({ ...input, search: input.search?.normalize('NFC'), status });
  }
}
