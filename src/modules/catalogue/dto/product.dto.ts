import { ApiProperty } from '@nestjs/swagger';
import type { ProductView } from '../../../application/catalogue/product-views';
import { CURSOR_MAX_LENGTH } from '../../shared/cursor';
import { MoneyDto } from '../../shared/money.dto';

export class ProductDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  id: string;

  @ApiProperty({ example: 'MUG-BLUE-350', pattern: '^[A-Z0-9-]{1,64}$', maxLength: 64 })
  sku: string;

  @ApiProperty({ example: 'Blue mug, 350 ml', maxLength: 200 })
  name: string;

  @ApiProperty({ type: String, nullable: true, maxLength: 5000 })
  description: string | null;

  @ApiProperty({ type: MoneyDto })
  price: MoneyDto;

  // The column's bound: a cancelled order gives back what it took, even onto stock an admin set to MAX_STOCK since.
  @ApiProperty({ type: 'integer', example: 100, minimum: 0, maximum: 2_147_483_647 })
  stock: number;

  @ApiProperty({ enum: ['active', 'archived'] })
  status: 'active' | 'archived';

  @ApiProperty({ format: 'date-time', maxLength: 30 })
  createdAt: string;

  @ApiProperty({ format: 'date-time', maxLength: 30 })
  updatedAt: string;

  static from(product: ProductView): ProductDto {
    return {
      id: product.id,
      sku: product.sku,
      name: product.name,
      description: product.description,
      price: MoneyDto.of(product.price.amount, product.price.currency),
      stock: product.stock,
      status: product.status,
      createdAt: product.createdAt,
      updatedAt: product.updatedAt,
    };
  }
}

export class ProductPageDto {
  @ApiProperty({ type: [ProductDto], maxItems: 100 })
  items: ProductDto[];

  @ApiProperty({ type: String, nullable: true, pattern: '^[A-Za-z0-9_-]+$', maxLength: CURSOR_MAX_LENGTH, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor: string | null;
}
