import { Injectable } from '@nestjs/common';
import { ProductNotFound } from '../../domain/catalogue/catalogue.errors';
import { Clock } from '../shared/clock';
import { UnitOfWork } from '../shared/unit-of-work';
import { ProductRepository } from './product.repository';

/** Archived only if still one of the versions the request names (If-Match), as an update is. */
@Injectable()
export class ArchiveProduct {
  constructor(
    private readonly products: ProductRepository,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(id: string, expectedVersions?: readonly number[]): Promise<void> {
    return this.uow.run(async () => {
      const product = await this.products.byIdForUpdate(id);
      if (!product) throw new ProductNotFound(id);
      product.assertVersionIn(expectedVersions);
      product.archive(this.clock.now());
      await this.products.save(product);
    });
  }
}
