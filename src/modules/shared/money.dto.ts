import { ApiProperty } from '@nestjs/swagger';
import type { Money } from '../../domain/shared/money';

/** The largest amount a client may send (a price, a refund). */
export const MAX_AMOUNT = 1_000_000_000_000;
/**
 * The largest a reply may carry: sums of amounts (an order of 10,000 units, a report's totals) pass MAX_AMOUNT, and
 * the domain's Money refuses what it cannot hold exactly.
 */
const MAX_REPLY_AMOUNT = Number.MAX_SAFE_INTEGER;

/** `{ amount, currency }`: integer minor units of an ISO 4217 currency (the store's), as replies carry it. */
export class MoneyDto {
  @ApiProperty({ type: 'integer', example: 1999, minimum: 0, maximum: MAX_REPLY_AMOUNT, description: 'Integer minor units (cents).' })
  amount: number;

  @ApiProperty({ example: 'USD', pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 })
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
  @ApiProperty({ type: 'integer', example: -500, minimum: -MAX_REPLY_AMOUNT, maximum: MAX_REPLY_AMOUNT, description: 'Integer minor units (cents); may be negative.' })
  amount: number;

  @ApiProperty({ example: 'USD', pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 })
  currency: string;
}
