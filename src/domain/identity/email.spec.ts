import { Email } from './email';
import { InvalidEmail } from './identity.errors';

describe('Email', () => {
  it('is one address however it is cased, padded or composed', () => {
    const composed = 'Ünïcode@Exämple.com'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect([Email.parse(` ${composed} `).value, Email.parse(decomposed).value]).toEqual(['ünïcode@exämple.com'.normalize('NFC'), 'ünïcode@exämple.com'.normalize('NFC')]);
  });

  it('refuses what is not shaped as an address', () => {
    for (const raw of ['no-at-sign', 'two@@example.com', 'a@nodot', `${'x'.repeat(65)}@example.com`]) expect(() => Email.parse(raw)).toThrow(InvalidEmail);
  });
});
