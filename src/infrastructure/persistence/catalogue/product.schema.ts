import { defineEntity } from '@mikro-orm/core';
import { Product } from '../../../domain/catalogue/product';

export const ProductSchema = defineEntity({
  class: Product,
  tableName: 'products',
  properties: (p) => ({
    id: p.uuid().primary(),
    sku: p.string().length(64),
    name: p.string().length(200),
    description: p.text().nullable(),
    priceAmount: p.bigint('number'),
    currency: p.string().length(3),
    stock: p.integer(),
    status: p.string().length(16),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    // Bumped by every write, including the atomic stock reservations of ordering, so an admin's edit
    // never overwrites a reservation it did not see.
    version: p.integer().version(),
  }),
});
