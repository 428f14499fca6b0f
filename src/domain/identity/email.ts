import { InvalidEmail } from './identity.errors';

// Deliberately permissive (RFC 5321 lengths, one @, a dotted domain): deliverability is proven by mail, not regex.
const shape = /^[^\s@"<>()[\],;:\\]+@[^\s@"<>()[\],;:\\]+\.[^\s@"<>()[\],;:\\]{2,}$/;

/**
 * An email address, normalised (trimmed, lower case, Unicode NFC as RFC 6532 asks) so that one person cannot
 * register twice by case, nor by composing `ü` as one code point and as `u` with a combining diaeresis.
 */
export class Email {
  private constructor(readonly value: string) {}

  static parse(raw: string): Email {
    const value = raw.trim().normalize('NFC').toLowerCase();
    const [local = ''] = value.split('@');
    if (value.length > 254 || local.length > 64 || !shape.test(value)) throw new InvalidEmail();
    return new Email(value);
  }

  toString(): string {
    return this.value;
  }
}
