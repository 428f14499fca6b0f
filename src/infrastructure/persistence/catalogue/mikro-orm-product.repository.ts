import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { ProductRepository, type ProductQuery } from '../../../application/catalogue/product.repository';
import { type Page, pageOf } from '../../../application/shared/page';
import { ProductChangedConcurrently, SkuAlreadyExists } from '../../../domain/catalogue/catalogue.errors';
import { Product } from '../../../domain/catalogue/product';
import { containsPattern } from '../like-pattern';

/** The key of the product list: name, then id to break ties. */
export const productListKey = (product: Pick<Product, 'name' | 'id'>) => JSON.stringify([product.name, product.id]);

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

  async list(query: ProductQuery): Promise<Page<Product>> {
    const conditions: object[] = [{ status: query.status }];
    if (query.search) {
      const pattern = containsPattern(query.search);
      conditions.push({ $or: [{ name: { $ilike: pattern } }, { sku: { $ilike: pattern } }] });
    }
    if (query.after) {
      const [name, id] = JSON.parse(query.after) as [string, string];
      conditions.push({ $or: [{ name: { $gt: name } }, { name, id: { $gt: id } }] });
    }
    const rows = await this.em.find(Product, { $and: conditions }, { orderBy: { name: 'asc', id: 'asc' }, limit: query.limit + 1, connectionType: 'read' });
    return pageOf(rows, query.limit, productListKey);
  }
}
