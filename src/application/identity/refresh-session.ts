import { Injectable } from '@nestjs/common';
import { InvalidRefreshToken } from '../../domain/identity/identity.errors';
import { Clock } from '../shared/clock';
import { AccessTokenIssuer } from './access-token-issuer';
import { RefreshTokens } from './refresh-tokens';
import { SessionRepository } from './session.repository';
import type { TokenPair } from './token-pair';
import { UserRepository } from './user.repository';

/** Spends a refresh token for a new pair. A token presented twice ends its whole session. */
@Injectable()
export class RefreshSession {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly accessTokens: AccessTokenIssuer,
    private readonly refreshTokens: RefreshTokens,
    private readonly clock: Clock,
  ) {}

  async execute(token: string): Promise<TokenPair> {
    const presented = this.refreshTokens.parse(token);
    if (!presented) throw new InvalidRefreshToken();
    const now = this.clock.now();
    const session = await this.sessions.byId(presented.sessionId);
    if (!session) throw new InvalidRefreshToken();
    const user = await this.users.byId(session.userId);
    if (!user || user.status !== 'active') throw new InvalidRefreshToken();

    const previousHash = session.refreshTokenHash;
    const next = this.refreshTokens.create(session.id);
    const verdict = session.rotate(this.refreshTokens.matches(previousHash, presented.hash), next.hash, now);
    if (verdict === 'reused' || !(await this.sessions.saveRotation(session, previousHash))) {
      // Either an old token came back, or two requests raced with the same one: both mean it was copied.
      session.end('refresh_token_reused', now);
      await this.sessions.save(session);
      throw new InvalidRefreshToken();
    }
    const access = await this.accessTokens.issue({ userId: user.id, role: user.role, sessionId: session.id });
    return { ...access, refreshToken: next.token, user };
  }
}
