import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type NewRefreshToken, RefreshTokens } from '../../application/identity/refresh-tokens';

const shape = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

/**
 * `<session id>.<256 random bits>`. Only a SHA-256 of the token is stored: with 256 bits of entropy a slow
 * password hash adds nothing, and a fast one keeps refresh cheap.
 */
@Injectable()
export class OpaqueRefreshTokens extends RefreshTokens {
  create(sessionId: string): NewRefreshToken {
    const token = `${sessionId}.${randomBytes(32).toString('base64url')}`;
    return { token, hash: sha256(token) };
  }

  parse(token: string): { sessionId: string; hash: string } | null {
    const parts = shape.exec(token);
    return parts ? { sessionId: parts[1], hash: sha256(token) } : null;
  }

  matches(storedHash: string, presentedHash: string): boolean {
    const stored = Buffer.from(storedHash, 'hex');
    const presented = Buffer.from(presentedHash, 'hex');
    return stored.length === presented.length && timingSafeEqual(stored, presented);
  }
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
