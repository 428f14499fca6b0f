import { ApiProperty } from '@nestjs/swagger';
import type { OrderView } from '../../../application/ordering/order-views';
import { MAX_QUANTITY } from '../../../domain/ordering/order';
import type { OrderLine } from '../../../domain/ordering/order-line';
import { ORDER_STATUSES, type OrderStatus } from '../../../domain/ordering/order-status';
import { MoneyDto } from '../../shared/money.dto';

export class OrderLineDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  productId: string;

  @ApiProperty({ example: 'MUG-BLUE-350', pattern: '^[A-Z0-9-]{1,64}$', maxLength: 64 })
  sku: string;

  @ApiProperty({ example: 'Blue mug, 350 ml', maxLength: 200 })
  name: string;

  @ApiProperty({ type: MoneyDto, description: 'The price when the order was placed.' })
  unitPrice: MoneyDto;

  @ApiProperty({ type: 'integer', example: 2, minimum: 1, maximum: MAX_QUANTITY })
  quantity: number;

  @ApiProperty({ type: MoneyDto })
  lineTotal: MoneyDto;

  static from(line: OrderLine, currency: string): OrderLineDto {
    return {
      productId: line.productId,
      sku: line.sku,
      name: line.name,
      unitPrice: MoneyDto.of(line.unitPrice, currency),
      quantity: line.quantity,
      lineTotal: MoneyDto.of(line.lineTotal, currency),
    };
  }
}

export class OrderDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  id: string;

  @ApiProperty({ format: 'uuid', maxLength: 36 })
  customerId: string;

  @ApiProperty({ enum: ORDER_STATUSES })
  status: OrderStatus;

  @ApiProperty({ type: [OrderLineDto], maxItems: 50 })
  lines: OrderLineDto[];

  @ApiProperty({ type: MoneyDto })
  total: MoneyDto;

  @ApiProperty({ format: 'date-time', maxLength: 30 })
  createdAt: string;

  @ApiProperty({ format: 'date-time', maxLength: 30 })
  updatedAt: string;

  @ApiProperty({ format: 'date-time', maxLength: 30, description: 'Unpaid by then, the order is cancelled and its stock released.' })
  paymentDueAt: string;

  @ApiProperty({ type: String, format: 'date-time', maxLength: 30, nullable: true })
  paidAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', maxLength: 30, nullable: true })
  fulfilledAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', maxLength: 30, nullable: true })
  cancelledAt: string | null;

  @ApiProperty({ type: String, enum: ['customer', 'admin', 'payment_timeout', null], nullable: true })
  cancellationReason: 'customer' | 'admin' | 'payment_timeout' | null;

  static from(order: OrderView): OrderDto {
    return {
      id: order.id,
      customerId: order.customerId,
      status: order.status,
      lines: order.lines.map((line) => OrderLineDto.from(line, order.currency)),
      total: MoneyDto.of(order.totalAmount, order.currency),
      createdAt: order.createdAt,
      updatedAt: order.updatedAt,
      paymentDueAt: order.paymentDueAt,
      paidAt: order.paidAt,
      fulfilledAt: order.fulfilledAt,
      cancelledAt: order.cancelledAt,
      cancellationReason: order.cancellationReason,
    };
  }
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderDto], maxItems: 100 })
  items: OrderDto[];

  @ApiProperty({ type: String, nullable: true, pattern: '^[A-Za-z0-9_-]+$', maxLength: 200, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor: string | null;
}
