import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Encrypts signing secrets at rest with AES-256-GCM (WEBHOOK_SECRET_KEY). Each value gets a fresh 96-bit nonce, and
 * the row it belongs to as associated data, so a ciphertext copied to another endpoint's row does not decrypt.
 * Stored as `v1.<nonce>.<tag>.<ciphertext>` (base64), the version leaving room for a key rotation scheme.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new RangeError('AES-256-GCM needs a 32-byte key');
  }

  seal(plaintext: string, boundTo: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce).setAAD(Buffer.from(boundTo, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, nonce.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join('.');
  }

  /** Throws when the value was sealed with another key (WEBHOOK_SECRET_KEY changed) or for another row. */
  open(sealed: string, boundTo: string): string {
    const [version, nonce, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || !nonce || !tag || ciphertext === undefined) throw new Error('Not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64'))
      .setAAD(Buffer.from(boundTo, 'utf8'))
      .setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
  }
}
