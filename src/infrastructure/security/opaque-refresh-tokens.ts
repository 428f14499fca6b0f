import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type NewRefreshToken, type PresentedRefreshToken, RefreshTokens } from '../../application/identity/refresh-tokens';
import { AppConfig } from '../config/app-config';

// The session id as the database writes a UUID: anything else would reach its uuid column and fail there (a 500).
const shape = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;
const NONCE_BYTES = 16;

/**
 * `<session id>.<128 random bits + 128 bits of HMAC over the session id and them>`, base64url. The MAC, keyed
 * from JWT_SECRET (HKDF), which every instance shares, tells a token this API issued for the session, current or
 * spent, from one made up around a session id, which every access token carries (`sid`): a spent one ends its
 * session, a made-up one nothing. Only a SHA-256 of the token is stored: with 256 bits a slow hash adds nothing.
 */
@Injectable()
export class OpaqueRefreshTokens extends RefreshTokens {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    super();
    this.key = Buffer.from(hkdfSync('sha256', config.jwt.secret, 'commerce-backend', 'refresh-tokens', 32));
  }

  create(sessionId: string): NewRefreshToken {
    const nonce = randomBytes(NONCE_BYTES);
    const token = `${sessionId}.${Buffer.concat([nonce, this.mac(sessionId, nonce)]).toString('base64url')}`;
    return { token, hash: sha256(token) };
  }

  parse(token: string): PresentedRefreshToken | null {
    const parts = shape.exec(token);
    if (!parts) return null;
    const secret = Buffer.from(parts[2], 'base64url');
    const issuedHere = timingSafeEqual(secret.subarray(NONCE_BYTES), this.mac(parts[1], secret.subarray(0, NONCE_BYTES)));
    return { sessionId: parts[1], hash: sha256(token), issuedHere };
  }

  matches(storedHash: string, presentedHash: string): boolean {
    const stored = Buffer.from(storedHash, 'hex');
    const presented = Buffer.from(presentedHash, 'hex');
    return stored.length === presented.length && timingSafeEqual(stored, presented);
  }

  private mac(sessionId: string, nonce: Buffer): Buffer {
    return createHmac('sha256', this.key).update(sessionId).update(nonce).digest().subarray(0, NONCE_BYTES);
  }
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
