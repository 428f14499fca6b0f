import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenIssuer, type IssuedAccessToken } from '../../application/identity/access-token-issuer';
import type { ActorRole } from '../../application/shared/actor';
import { AppConfig } from '../config/app-config';

/** RFC 9068 access tokens: a JWT typed `at+jwt`, signed with the pinned algorithm; `sid` names the session. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
export const JWT_ALGORITHM = 'HS256';

@Injectable()
export class JwtAccessTokenIssuer extends AccessTokenIssuer {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async issue(claims: { userId: string; role: ActorRole; sessionId: string }): Promise<IssuedAccessToken> {
    const { accessTtlSeconds, issuer, audience } = this.config.jwt;
    const accessToken = await this.jwt.signAsync(
      { role: claims.role, sid: claims.sessionId },
      {
        subject: claims.userId,
        issuer,
        audience,
        expiresIn: accessTtlSeconds,
        algorithm: JWT_ALGORITHM,
        header: { alg: JWT_ALGORITHM, typ: ACCESS_TOKEN_TYPE },
      },
    );
    return { accessToken, expiresIn: accessTtlSeconds };
  }
}
