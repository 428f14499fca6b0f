import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('the box signing secrets are stored in', () => {
  const box = new SecretBox(randomBytes(32));
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw5Avd4Dng/Ic=';

  it('opens what it sealed for the same row, and never stores the secret in clear', () => {
    const sealed = box.seal(secret, 'endpoint-1');
    expect(sealed).not.toContain(secret.slice(6));
    expect(box.open(sealed, 'endpoint-1')).toBe(secret);
    expect(box.seal(secret, 'endpoint-1')).not.toBe(sealed); // a fresh nonce each time
  });

  it('refuses a value sealed for another row, altered, or sealed under another key', () => {
    const sealed = box.seal(secret, 'endpoint-1');
    expect(() => box.open(sealed, 'endpoint-2')).toThrow();
    const [version, nonce, tag, ciphertext] = sealed.split('.');
    const altered = Buffer.from(ciphertext, 'base64');
    altered[0] ^= 1;
    expect(() => box.open([version, nonce, tag, altered.toString('base64')].join('.'), 'endpoint-1')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'endpoint-1')).toThrow();
  });
});
