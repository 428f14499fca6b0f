import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { MAX_AMOUNT } from './money.dto';
import { IsStoreCurrency } from './store-currency.constraint';

/** What a client may send as money (a price, a refund): more than zero, in the store's currency. */
export class StoreAmountDto {
  @ApiProperty({ type: 'integer', example: 1999, minimum: 1, maximum: MAX_AMOUNT, description: 'Integer minor units (cents), more than zero.' })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount: number;

  @ApiProperty({ example: 'USD', pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3, description: 'The store\'s currency (STORE_CURRENCY).' })
  @IsString()
  @IsStoreCurrency()
  currency: string;
}
