import { Money } from '../shared/money';
import { InvalidProduct, ProductAlreadyArchived, ProductVersionChanged } from './catalogue.errors';
import { MAX_NAME_CHARACTERS, MAX_STOCK, Product } from './product';

const t0 = new Date('2026-01-01T00:00:00Z');
const create = (overrides: Partial<{ sku: string; name: string; price: Money; stock: number }> = {}) =>
  Product.create({ id: 'p1', sku: 'MUG-1', name: 'Mug', price: Money.of(1299, 'USD'), stock: 10, now: t0, ...overrides });

describe('Product', () => {
  it('is created active with its price and stock', () => {
    const product = create();
    expect(product).toMatchObject({ status: 'active', stock: 10, priceAmount: 1299, currency: 'USD', description: null });
    expect(product.price.equals(Money.of(1299, 'USD'))).toBe(true);
  });

  it.each(['', 'mug-1', 'MUG 1', 'MUG_1', 'A'.repeat(65)])('refuses the SKU %p', (sku) => {
    expect(() => create({ sku })).toThrow(InvalidProduct);
  });

  it(`takes a name of 1 to ${MAX_NAME_CHARACTERS} characters counted as code points, without control characters`, () => {
    expect(create({ name: '😀'.repeat(MAX_NAME_CHARACTERS) }).name).toHaveLength(2 * MAX_NAME_CHARACTERS);
    expect(() => create({ name: '😀'.repeat(MAX_NAME_CHARACTERS + 1) })).toThrow(InvalidProduct);
    expect(() => create({ name: '   ' })).toThrow(InvalidProduct);
    expect(() => create({ name: '\u200b' })).toThrow('must show something');
    for (const control of ['\u0001', '\u001f', '\u007f', '\u0085', '\u009f']) {
      expect(() => create({ name: `Mug${control}Blue` })).toThrow('control characters');
    }
  });

  it('refuses a price that is not above zero, and stock outside 0..max', () => {
    expect(() => create({ price: Money.of(0, 'USD') })).toThrow('greater than zero');
    expect(() => create({ stock: -1 })).toThrow(InvalidProduct);
    expect(() => create({ stock: 1.5 })).toThrow(InvalidProduct);
    expect(() => create({ stock: MAX_STOCK + 1 })).toThrow(InvalidProduct);
    expect(create({ stock: 0 }).stock).toBe(0);
  });

  it('applies only the changes given', () => {
    const product = create();
    const later = new Date('2026-01-02T00:00:00Z');
    product.apply({ price: Money.of(1499, 'USD') }, later);
    expect(product).toMatchObject({ name: 'Mug', stock: 10, priceAmount: 1499, updatedAt: later });
  });

  it('keeps its moment of change when given values it already holds', () => {
    const product = create({ name: 'Cafe\u0301' });
    expect(product.name).toBe('Caf\u00e9');
    product.apply({ name: ' Caf\u00e9 ', description: null, price: Money.of(1299, 'USD'), stock: 10 }, new Date('2026-01-02T00:00:00Z'));
    expect(product.updatedAt).toEqual(t0);
    product.apply({ name: 'Caf\u00e9', stock: 11 }, new Date('2026-01-03T00:00:00Z'));
    expect(product.updatedAt).toEqual(new Date('2026-01-03T00:00:00Z'));
  });

  it('takes a change sent for its current version, or for none, and refuses one sent for another', () => {
    const product = create();
    expect(() => product.assertVersionIn(undefined)).not.toThrow();
    expect(() => product.assertVersionIn([3, 1])).not.toThrow();
    expect(() => product.assertVersionIn([2])).toThrow(ProductVersionChanged);
    expect(() => product.assertVersionIn([])).toThrow(ProductVersionChanged);
  });

  it('archives once: a second archive is refused and changes nothing', () => {
    const product = create();
    product.archive(t0);
    expect(product.isActive).toBe(false);
    expect(() => product.archive(new Date('2026-01-02T00:00:00Z'))).toThrow(ProductAlreadyArchived);
    expect(product.updatedAt).toEqual(t0);
  });
});
