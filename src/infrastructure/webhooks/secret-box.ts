import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SecretSealer } from '../../application/webhooks/signing-secrets';
import type { SealedSecret, SigningSecret } from '../../domain/webhooks/webhook-endpoint';

const VERSION = 'v1';
/** GCM's full tag: a shorter one, which GCM would otherwise accept, is easier to forge. */
const TAG_BYTES = 16;

/**
 * Encrypts signing secrets at rest with AES-256-GCM (WEBHOOK_SECRET_KEY). Each value gets a fresh 96-bit nonce, and
 * the row it belongs to as associated data, so a ciphertext copied to another endpoint's row does not decrypt.
 * Stored as `v1.<nonce>.<tag>.<ciphertext>` (base64), the version leaving room for a key rotation scheme; the tag
 * is always 16 bytes, and a value whose tag is not is refused.
 */
export class SecretBox extends SecretSealer {
  constructor(private readonly key: Buffer) {
    super();
    if (key.length !== 32) throw new RangeError('AES-256-GCM needs a 32-byte key');
  }

  seal(plaintext: SigningSecret, boundTo: string): SealedSecret {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce, { authTagLength: TAG_BYTES }).setAAD(Buffer.from(boundTo, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, nonce.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join('.') as SealedSecret;
  }

  /** Throws when the value was sealed with another key (WEBHOOK_SECRET_KEY changed) or for another row, or was altered. */
  open(sealed: SealedSecret, boundTo: string): SigningSecret {
    const [version, nonce, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || !nonce || !tag || ciphertext === undefined) throw new Error('Not a sealed secret');
    const authTag = Buffer.from(tag, 'base64');
    if (authTag.length !== TAG_BYTES) throw new Error(`Not a sealed secret: its tag is not ${TAG_BYTES} bytes`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64'), { authTagLength: TAG_BYTES })
      .setAAD(Buffer.from(boundTo, 'utf8'))
      .setAuthTag(authTag);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8') as SigningSecret;
  }
}
