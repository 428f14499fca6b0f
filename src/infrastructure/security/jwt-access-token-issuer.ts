import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenIssuer, type IssuedAccessToken } from '../../application/identity/access-token-issuer';
import type { ActorRole } from '../../application/shared/actor';
import { AppConfig } from '../config/app-config';

/**
 * RFC 9068 access tokens: a JWT typed `at+jwt`, signed with HS256 under JWT_SECRET (JWT_ALGORITHM=HS256, the default;
 * EdDsaAccessTokenIssuer for EdDSA); `sid` names the session.
 */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

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
        algorithm: 'HS256',
        header: { alg: 'HS256', typ: ACCESS_TOKEN_TYPE },
      },
    );
    return { accessToken, expiresIn: accessTtlSeconds };
  }
}
