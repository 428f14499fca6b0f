import { CurrencyNotAccepted, Money } from '../../domain/shared/money';

/** The one currency of the store, from configuration. */
export abstract class StoreCurrency {
  abstract readonly code: string;
}

/** Builds Money from client input, refusing any currency but the store's. */
export function storeMoney(store: StoreCurrency, input: { amount: number; currency: string }): Money {
  if (input.currency !== store.code) throw new CurrencyNotAccepted(input.currency, store.code);
  return Money.of(input.amount, input.currency);
}
