import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccountTokenSecrets, type IssuedAccountToken } from '../../application/identity/account-token-secrets';
import { AppConfig } from '../config/app-config';

const tokenShape = /^[A-Za-z0-9_-]{43}$/;

/**
 * A token is HMAC-SHA256(key, id) over an id of 144 random bits, the key derived (HKDF) from JWT_SECRET, which
 * every instance shares: any instance composes the mail of a token another issued, and one that reads the
 * database alone cannot. Only the SHA-256 of the token is stored; with 256 bits a slow hash adds nothing.
 */
@Injectable()
export class HmacAccountTokenSecrets extends AccountTokenSecrets {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    super();
    this.key = Buffer.from(hkdfSync('sha256', config.jwt.secret, 'commerce-backend', 'account-tokens', 32));
  }

  issue(): IssuedAccountToken {
    const id = randomBytes(18).toString('base64url');
    return { id, hash: sha256(this.tokenOf(id)) };
  }

  tokenOf(id: string): string {
    return createHmac('sha256', this.key).update(id).digest('base64url');
  }

  hashOf(token: string): string | null {
    return tokenShape.test(token) ? sha256(token) : null;
  }
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
