/**
 * The floor under any Nest app: Nest on Fastify with nothing of its own (no guards, pipes, filters, hooks or
 * logs), one controller answering the product read and page with the bare baseline's SQL and JSON
 * (bench/baseline/product-reads.ts) on a pool kept as the app's. Beside the baseline in `npm run bench` (the product reads)
 * and `bench:compare` (`nest-floor`) it shows what Nest's routing and execution context cost a request before the app
 * adds anything.
 */
import 'reflect-metadata';
import { Controller, Get, Module, NotFoundException, Param, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { barePool } from '../baseline/pool';
import { activeProduct, type ProductRow, productByIdQuery, productPage, productPageQuery } from '../baseline/product-reads';

const pool = barePool();

@Controller('api/v1/products')
class ProductsController {
  @Get(':id')
  async get(@Param('id') id: string) {
    const { rows } = await pool.query<ProductRow>(productByIdQuery(id));
    const product = activeProduct(rows);
    if (!product) throw new NotFoundException();
    return product;
  }

  @Get()
  async list(@Query('limit') limit?: string) {
    const size = Number(limit ?? 20);
    const { rows } = await pool.query<ProductRow>(productPageQuery(size));
    return productPage(rows, size);
  }
}

@Module({ controllers: [ProductsController] })
class FloorModule {}

async function main() {
  const app = await NestFactory.create<NestFastifyApplication>(FloorModule, new FastifyAdapter(), { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  process.send?.('ready');
}

void main();
