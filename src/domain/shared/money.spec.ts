import { InvalidMoney, Money } from './money';

describe('Money', () => {
  it('adds, subtracts and multiplies in minor units', () => {
    const price = Money.of(1999, 'USD');
    expect(price.times(3).amount).toBe(5997);
    expect(price.add(Money.of(1, 'USD')).amount).toBe(2000);
    expect(price.subtract(Money.of(2000, 'USD')).amount).toBe(-1);
  });

  it('refuses fractions of a minor unit and malformed currencies', () => {
    expect(() => Money.of(10.5, 'USD')).toThrow(InvalidMoney);
    expect(() => Money.of(Number.NaN, 'USD')).toThrow(InvalidMoney);
    expect(() => Money.of(1, 'usd')).toThrow(InvalidMoney);
    expect(() => Money.of(1, 'US')).toThrow(InvalidMoney);
  });

  it('refuses to overflow the safe integer range instead of losing cents', () => {
    const huge = Money.of(Number.MAX_SAFE_INTEGER - 1, 'USD');
    expect(() => huge.add(Money.of(5, 'USD'))).toThrow(InvalidMoney);
    expect(() => Money.of(2 ** 40, 'USD').times(2 ** 20)).toThrow(InvalidMoney);
    expect(() => Money.of(1, 'USD').times(1.5)).toThrow(InvalidMoney);
  });

  it('refuses to mix currencies', () => {
    expect(() => Money.of(1, 'USD').add(Money.of(1, 'EUR'))).toThrow('Cannot combine USD with EUR');
    expect(() => Money.of(1, 'USD').isGreaterThan(Money.of(1, 'EUR'))).toThrow(InvalidMoney);
  });

  it('compares by amount and currency', () => {
    expect(Money.of(5, 'USD').equals(Money.of(5, 'USD'))).toBe(true);
    expect(Money.of(5, 'USD').equals(Money.of(5, 'EUR'))).toBe(false);
    expect(Money.of(6, 'USD').isGreaterThan(Money.of(5, 'USD'))).toBe(true);
    expect(Money.zero('USD').isPositive()).toBe(false);
  });
});
