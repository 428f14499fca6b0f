import { ApiProperty } from '@nestjs/swagger';
import type { TopProduct } from '../../../application/reporting/sales-reports';
import { MoneyDto } from '../../shared/money.dto';

export class TopProductDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  productId: string;

  @ApiProperty({ example: 'MUG-BLUE-350', pattern: '^[A-Z0-9-]{1,64}$', maxLength: 64 })
  sku: string;

  @ApiProperty({ maxLength: 200 })
  name: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER })
  unitsSold: number;

  @ApiProperty({ type: MoneyDto })
  revenue: MoneyDto;

  static from(product: TopProduct, currency: string): TopProductDto {
    return { ...product, revenue: MoneyDto.of(product.revenue, currency) };
  }
}
