import { ApiProperty } from '@nestjs/swagger';
import type { Transaction } from '../../../domain/payments/transaction';
import { MoneyDto } from '../../shared/money.dto';

export class TransactionDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  id: string;

  @ApiProperty({ format: 'uuid', maxLength: 36 })
  orderId: string;

  @ApiProperty({ format: 'uuid', maxLength: 36 })
  customerId: string;

  @ApiProperty({ enum: ['payment', 'refund'] })
  type: 'payment' | 'refund';

  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] })
  status: 'pending' | 'succeeded' | 'failed';

  @ApiProperty({ type: MoneyDto })
  amount: MoneyDto;

  @ApiProperty({ example: 'pm_card_visa', pattern: '^[A-Za-z0-9_]{1,64}$', maxLength: 64 })
  paymentMethod: string;

  @ApiProperty({ type: String, nullable: true, pattern: '^[\\x21-\\x7e]+$', maxLength: 128, description: 'The processor\'s id of the charge or refund.' })
  gatewayReference: string | null;

  @ApiProperty({ type: String, nullable: true, pattern: '^[a-z0-9_]+$', maxLength: 64, example: null, description: 'Why it failed, e.g. card_declined.' })
  failureCode: string | null;

  @ApiProperty({ type: String, nullable: true, maxLength: 500, description: 'Refunds: the reason given.' })
  reason: string | null;

  @ApiProperty({ format: 'date-time', maxLength: 30 })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', maxLength: 30, nullable: true, description: 'When the processor\'s answer was recorded; null while pending.' })
  settledAt: string | null;

  static from(transaction: Transaction): TransactionDto {
    return {
      id: transaction.id,
      orderId: transaction.orderId,
      customerId: transaction.customerId,
      type: transaction.type,
      status: transaction.status,
      amount: MoneyDto.from(transaction.money),
      paymentMethod: transaction.paymentMethod,
      gatewayReference: transaction.gatewayReference,
      failureCode: transaction.failureCode,
      reason: transaction.reason,
      createdAt: transaction.createdAt.toISOString(),
      settledAt: transaction.settledAt ? transaction.settledAt.toISOString() : null,
    };
  }
}

export class TransactionPageDto {
  @ApiProperty({ type: [TransactionDto], maxItems: 100 })
  items: TransactionDto[];

  @ApiProperty({ type: String, nullable: true, pattern: '^[A-Za-z0-9_-]+$', maxLength: 200, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor: string | null;
}
