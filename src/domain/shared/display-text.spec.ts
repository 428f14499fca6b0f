import { checkedDisplayName } from './display-text';

const invalid = (reason: string) => new Error(reason);
const check = (text: string) => checkedDisplayName(text, 10, invalid);

describe('display names', () => {
  it.each([
    ['', 'must be 1 to 10 characters'],
    ['  \t ', 'must be 1 to 10 characters'],
    ['\u200b', 'must show something'],
    ['\u200d\u2060\ufeff', 'must show something'],
    ['a\u0007b', 'must not contain control characters'],
    ['two\nlines', 'must not contain control characters'],
    ['eleven char', 'must be 1 to 10 characters'],
  ])('refuses %j: the name %s', (text, reason) => {
    expect(() => check(text)).toThrow(reason);
  });

  it('keeps names trimmed and composed, counting code points', () => {
    expect(check('  Cafe\u0301 mug ')).toBe('Caf\u00e9 mug');
    expect(check('👩\u200d💻')).toBe('👩\u200d💻');
    expect(check('😀'.repeat(10))).toBe('😀'.repeat(10));
  });
});
