import { LockMode, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { ProductRepository } from '../../../application/catalogue/product.repository';
import { ProductChangedConcurrently, SkuAlreadyExists } from '../../../domain/catalogue/catalogue.errors';
import { Product } from '../../../domain/catalogue/product';

@Injectable()
export class MikroOrmProductRepository extends ProductRepository {
  constructor(private readonly em: SqlEntityManager) {
    super();
  }

  nextId(): string {
    return uuidv7();
  }

  byId(id: string): Promise<Product | null> {
    return this.em.findOne(Product, { id });
  }

  byIdForUpdate(id: string): Promise<Product | null> {
    return this.em.findOne(Product, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  }

  async add(product: Product): Promise<void> {
    try {
      await this.em.persist(product).flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new SkuAlreadyExists(product.sku);
      throw error;
    }
  }

  async save(product: Product): Promise<void> {
    try {
      await this.em.persist(product).flush();
    } catch (error) {
      if (error instanceof OptimisticLockError) throw new ProductChangedConcurrently(product.id);
      throw error;
    }
  }
}
