import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min } from 'class-validator';
import type { Money } from '../../domain/shared/money';

export const MAX_AMOUNT = 1_000_000_000_000;

/** `{ amount, currency }`: integer minor units of an ISO 4217 currency (the store's). */
export class MoneyDto {
  @ApiProperty({ example: 1999, minimum: 0, maximum: MAX_AMOUNT, description: 'Integer minor units (cents).' })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  amount: number;

  @ApiProperty({ example: 'USD', pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD' })
  currency: string;

  static from(money: Money): MoneyDto {
    return { amount: money.amount, currency: money.currency };
  }

  static of(amount: number, currency: string): MoneyDto {
    return { amount, currency };
  }
}

/** A result that may be negative, such as net sales on a day with more refunds than sales. Responses only. */
export class SignedMoneyDto {
  @ApiProperty({ example: -500, minimum: -MAX_AMOUNT, maximum: MAX_AMOUNT, description: 'Integer minor units (cents); may be negative.' })
  amount: number;

  @ApiProperty({ example: 'USD', pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 })
  currency: string;
}
