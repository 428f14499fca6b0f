import { characterCount } from './characters';

describe('characterCount', () => {
  it('counts code points, as PostgreSQL counts a varchar', () => {
    expect(characterCount('')).toBe(0);
    expect(characterCount('Ada')).toBe(3);
    expect(characterCount('😀')).toBe(1);
    expect(characterCount('a😀b😀')).toBe(4);
  });

  it('counts variation selectors and combining marks as the characters they are', () => {
    expect(characterCount('❤\uFE0F')).toBe(2);
    expect(characterCount('a\uFE0E')).toBe(2);
    expect(characterCount('u\u0308')).toBe(2);
  });

  it('counts a lone surrogate as one', () => {
    expect(characterCount('\uD83D')).toBe(1);
    expect(characterCount('\uDE00\uD83D')).toBe(2);
  });

  it('agrees with the string iterator', () => {
    const samples = ['plain', '😀😀😀', 'x\uD83Dy', '\uD83D\uDE00\uFE0F', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢'];
    for (const sample of samples) expect(characterCount(sample)).toBe([...sample].length);
  });
});
