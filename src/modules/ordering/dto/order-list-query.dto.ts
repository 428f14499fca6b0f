import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ORDER_STATUSES, type OrderStatus } from '../../../domain/ordering/order-status';
import { PageQueryDto } from '../../shared/page-query.dto';

export class OrderListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Admins only; customers always see their own orders.' })
  @IsOptional()
  @IsUUID()
  customerId?: string;
}
