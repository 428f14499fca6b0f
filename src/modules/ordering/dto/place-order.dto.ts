import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsObject, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { MAX_LINES, MAX_QUANTITY } from '../../../domain/ordering/order';
import { EXAMPLE_PRODUCT_ID } from '../../shared/api-examples';

export class OrderItemDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: EXAMPLE_PRODUCT_ID })
  // In the database's lower case: lines are matched to the products reserved, and each product named once.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsUUID()
  productId: string;

  @ApiProperty({ type: 'integer', example: 2, minimum: 1, maximum: MAX_QUANTITY })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity: number;
}

/** Only products and quantities: prices and totals come from the catalogue, never from the client. */
export class PlaceOrderDto {
  @ApiProperty({ type: [OrderItemDto], minItems: 1, maxItems: MAX_LINES, description: 'Distinct products.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES)
  @ArrayUnique((item: OrderItemDto) => item?.productId, { message: 'items must name each product once' })
  @IsObject({ each: true }) // each item an object: ValidateNested would validate an array's elements in its place
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  items: OrderItemDto[];
}
