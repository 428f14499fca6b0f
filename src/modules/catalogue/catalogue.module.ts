import { Module } from '@nestjs/common';
import { ArchiveProduct } from '../../application/catalogue/archive-product';
import { CreateProduct } from '../../application/catalogue/create-product';
import { GetProduct } from '../../application/catalogue/get-product';
import { ListProducts } from '../../application/catalogue/list-products';
import { ProductRepository } from '../../application/catalogue/product.repository';
import { ProductStock } from '../../application/catalogue/product-stock';
import { ProductViews } from '../../application/catalogue/product-views';
import { UpdateProduct } from '../../application/catalogue/update-product';
import { MikroOrmProductRepository } from '../../infrastructure/persistence/catalogue/mikro-orm-product.repository';
import { SqlProductStock } from '../../infrastructure/persistence/catalogue/sql-product-stock';
import { SqlProductViews } from '../../infrastructure/persistence/catalogue/sql-product-views';
import { ProductsController } from './products.controller';
import { StoreCurrencyConstraint } from '../shared/store-currency.constraint';

/** The catalogue: products, their prices and stock on hand. */
@Module({
  controllers: [ProductsController],
  providers: [
    { provide: ProductRepository, useClass: MikroOrmProductRepository },
    { provide: ProductViews, useClass: SqlProductViews },
    { provide: ProductStock, useClass: SqlProductStock },
    ListProducts,
    GetProduct,
    CreateProduct,
    UpdateProduct,
    ArchiveProduct,
    StoreCurrencyConstraint,
  ],
  // ProductStock is the catalogue's public service for ordering (modules/ordering/catalogue-stock-ledger.adapter.ts).
  exports: [ListProducts, CreateProduct, ProductStock],
})
export class CatalogueModule {}
