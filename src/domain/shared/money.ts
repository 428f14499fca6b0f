import { DomainError } from './domain-error';

export class InvalidMoney extends DomainError {
  readonly code = 'invalid-money';
  readonly kind = 'invalid';
}

/**
 * An amount in integer minor units (cents) of one ISO 4217 currency. Arithmetic refuses to leave the range of
 * safe integers instead of silently losing cents, and refuses to mix currencies.
 */
export class Money {
  private constructor(
    readonly amount: number,
    readonly currency: string,
  ) {}

  static of(amount: number, currency: string): Money {
    if (!Number.isSafeInteger(amount)) throw new InvalidMoney(`${amount} is not a whole number of minor units in the safe range.`);
    if (!/^[A-Z]{3}$/.test(currency)) throw new InvalidMoney(`${currency} is not an ISO 4217 currency code.`);
    return new Money(amount, currency);
  }

  static zero(currency: string): Money {
    return Money.of(0, currency);
  }

  add(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.of(this.amount + other.amount, this.currency);
  }

  subtract(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.of(this.amount - other.amount, this.currency);
  }

  times(quantity: number): Money {
    if (!Number.isSafeInteger(quantity)) throw new InvalidMoney(`${quantity} is not a whole quantity.`);
    return Money.of(this.amount * quantity, this.currency);
  }

  isPositive(): boolean {
    return this.amount > 0;
  }

  isGreaterThan(other: Money): boolean {
    this.assertSameCurrency(other);
    return this.amount > other.amount;
  }

  equals(other: Money): boolean {
    return this.amount === other.amount && this.currency === other.currency;
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) throw new InvalidMoney(`Cannot combine ${this.currency} with ${other.currency}.`);
  }
}

/** The store sells in one currency; a price or amount in another is refused rather than converted. */
export class CurrencyNotAccepted extends DomainError {
  readonly code = 'currency-not-accepted';
  readonly kind = 'invalid';
  constructor(currency: string, storeCurrency: string) {
    super(`Amounts must be in ${storeCurrency}; ${currency} is not accepted.`);
  }
}
