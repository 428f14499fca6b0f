import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** The access tokens' EdDSA keys: the private key signs, the public key (derived from it) verifies. */
export interface SigningKeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/**
 * An Ed25519 private key from PEM (PKCS#8, as `openssl genpkey -algorithm ed25519` writes it), its line breaks as
 * they are or written `\n` (environment files hold one line); undefined for anything else.
 */
export function ed25519KeyPair(pem: string): SigningKeyPair | undefined {
  try {
    const privateKey = createPrivateKey(pem.replace(/\\n/g, '\n'));
    return privateKey.asymmetricKeyType === 'ed25519' ? { privateKey, publicKey: createPublicKey(privateKey) } : undefined;
  } catch {
    return undefined;
  }
}

/** Development without JWT_PRIVATE_KEY: a key pair per process, so no published key ever signs a token. */
export const generatedEd25519KeyPair = (): SigningKeyPair => generateKeyPairSync('ed25519');
