import { createCipheriv, randomBytes } from 'node:crypto';
import type { SealedSecret, SigningSecret } from '../../domain/webhooks/webhook-endpoint';
import { SecretBox } from './secret-box';

describe('the box signing secrets are stored in', () => {
  const key = randomBytes(32);
  const box = new SecretBox(key);
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw5Avd4Dng/Ic=' as SigningSecret;

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
    expect(() => box.open([version, nonce, tag, altered.toString('base64')].join('.') as SealedSecret, 'endpoint-1')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'endpoint-1')).toThrow();
  });

  it('refuses a tag shorter than 16 bytes, even one that is right for the value', () => {
    // Sealed under the same key with a 4-byte tag: GCM would accept it if the tag's length were not pinned.
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: 4 }).setAAD(Buffer.from('endpoint-1', 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    const shortTagged = ['v1', nonce.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join('.') as SealedSecret;
    expect(() => box.open(shortTagged, 'endpoint-1')).toThrow(/16 bytes/);
    const [version, sealedNonce, tag, sealedText] = box.seal(secret, 'endpoint-1').split('.');
    const truncated = Buffer.from(tag, 'base64').subarray(0, 12).toString('base64');
    expect(() => box.open([version, sealedNonce, truncated, sealedText].join('.') as SealedSecret, 'endpoint-1')).toThrow(/16 bytes/);
  });
});
