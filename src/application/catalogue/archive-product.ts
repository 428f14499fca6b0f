import { Injectable } from '@nestjs/common';
import { ProductNotFound } from '../../domain/catalogue/catalogue.errors';
import { Clock } from '../shared/clock';
import { ProductRepository } from './product.repository';

@Injectable()
export class ArchiveProduct {
  constructor(
    private readonly products: ProductRepository,
    private readonly clock: Clock,
  ) {}

  async execute(id: string): Promise<void> {
    const product = await this.products.byId(id);
    if (!product) throw new ProductNotFound(id);
    product.archive(this.clock.now());
    await this.products.save(product);
  }
}
