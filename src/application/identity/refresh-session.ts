import { Injectable } from '@nestjs/common';
import { InvalidRefreshToken } from '../../domain/identity/identity.errors';
import { Clock } from '../shared/clock';
import { AccessTokenIssuer } from './access-token-issuer';
import { RefreshTokens } from './refresh-tokens';
import { SessionRepository } from './session.repository';
import type { TokenPair } from './token-pair';
import { UserRepository } from './user.repository';

/** Spends a refresh token for a new pair. A token of the session presented twice ends the whole session. */
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
    const current = this.refreshTokens.matches(previousHash, presented.hash);
    // Not this session's token at all, only its id (every access token carries it): nothing leaked, nothing ends.
    // A token of the session's own that is current passes whatever its shape (one issued before tokens had a MAC).
    if (!current && !presented.issuedHere) throw new InvalidRefreshToken();
    const next = this.refreshTokens.create(session.id);
    const verdict = session.rotate(current, next.hash, now);
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
