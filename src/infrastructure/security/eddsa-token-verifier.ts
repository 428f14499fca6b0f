import type { KeyObject, webcrypto } from 'node:crypto';
import { jwtVerify } from 'jose';
import { Strategy } from 'passport-jwt';

type Verify = (token: string, key: unknown, options: VerifyOptions, done: (error: Error | null, payload?: object) => void) => void;
interface VerifyOptions {
  algorithms?: string[];
  issuer?: string;
  audience?: string;
}

const passportJwt = Strategy as unknown as { JwtVerifier: Verify };
const jsonwebtoken = passportJwt.JwtVerifier;
const cryptoKeys = new WeakMap<KeyObject, webcrypto.CryptoKey>();

/**
 * passport-jwt verifies with jsonwebtoken, which has no EdDSA; its one way to another library is the class's
 * `JwtVerifier`. This one sends a strategy pinned to EdDSA (and only that one) to jose, with the same checks:
 * the algorithm, `iss`, `aud`, `exp` present and not passed; every other strategy keeps jsonwebtoken. Installed
 * once per process, by the strategy that needs it.
 */
export function verifyEdDsaWithJose(): void {
  passportJwt.JwtVerifier = (token, key, options, done) => {
    if (options.algorithms?.length !== 1 || options.algorithms[0] !== 'EdDSA') return jsonwebtoken(token, key, options, done);
    jwtVerify(token, cryptoKeyOf(key as KeyObject), {
      algorithms: ['EdDSA'],
      issuer: options.issuer,
      audience: options.audience,
      requiredClaims: ['exp'],
    }).then(
      ({ payload }) => done(null, payload),
      (error: Error) => done(error),
    );
  };
}

/** jose verifies with a CryptoKey; converting the KeyObject at every verification cost 44% more (213 against 148 µs). */
function cryptoKeyOf(key: KeyObject): webcrypto.CryptoKey {
  let cryptoKey = cryptoKeys.get(key);
  if (!cryptoKey) {
    cryptoKey = key.toCryptoKey('Ed25519', false, ['verify']);
    cryptoKeys.set(key, cryptoKey);
  }
  return cryptoKey;
}
