import { InvalidRefreshToken } from './identity.errors';

export type SessionEndReason = 'logout' | 'password_changed' | 'password_reset' | 'account_disabled' | 'refresh_token_reused' | 'role_changed';

/**
 * One login on one device: the family of refresh tokens that descend from it. Only the hash of the current
 * refresh token is kept; presenting any earlier one is reuse, which means the family leaked and ends it.
 */
export class Session {
  id: string;
  userId: string;
  refreshTokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  endReason: SessionEndReason | null;

  static start(input: { id: string; userId: string; refreshTokenHash: string; now: Date; ttlSeconds: number }): Session {
    const session = new Session();
    session.id = input.id;
    session.userId = input.userId;
    session.refreshTokenHash = input.refreshTokenHash;
    session.createdAt = input.now;
    session.expiresAt = new Date(input.now.getTime() + input.ttlSeconds * 1000);
    session.endedAt = null;
    session.endReason = null;
    return session;
  }

  isActive(now: Date): boolean {
    return this.endedAt === null && this.expiresAt > now;
  }

  /**
   * Spends the current refresh token for the next one. `presentedHashMatches` is the constant-time comparison
   * of the presented token with the stored hash, done by the caller that holds the hashing scheme.
   */
  rotate(presentedHashMatches: boolean, nextHash: string, now: Date): 'rotated' | 'reused' {
    if (!this.isActive(now)) throw new InvalidRefreshToken();
    if (!presentedHashMatches) {
      this.end('refresh_token_reused', now);
      return 'reused';
    }
    this.refreshTokenHash = nextHash;
    return 'rotated';
  }

  end(reason: SessionEndReason, now: Date): void {
    if (this.endedAt !== null) return;
    this.endedAt = now;
    this.endReason = reason;
  }
}
