import { Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { AccessTokenIssuer, type IssuedAccessToken } from '../../application/identity/access-token-issuer';
import type { ActorRole } from '../../application/shared/actor';
import { AppConfig } from '../config/app-config';
import { ACCESS_TOKEN_TYPE } from './jwt-access-token-issuer';

/**
 * JWT_ALGORITHM=EdDSA: the access tokens of JwtAccessTokenIssuer, signed with the Ed25519 private key, so that a
 * service holding only the public key can verify them. jose signs: jsonwebtoken (and so @nestjs/jwt) has no EdDSA.
 */
@Injectable()
export class EdDsaAccessTokenIssuer extends AccessTokenIssuer {
  constructor(private readonly config: AppConfig) {
    super();
  }

  async issue(claims: { userId: string; role: ActorRole; sessionId: string }): Promise<IssuedAccessToken> {
    const { accessTtlSeconds, issuer, audience, keyPair } = this.config.jwt;
    const accessToken = await new SignJWT({ role: claims.role, sid: claims.sessionId })
      .setProtectedHeader({ alg: 'EdDSA', typ: ACCESS_TOKEN_TYPE })
      .setSubject(claims.userId)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${accessTtlSeconds}s`)
      .sign(keyPair!.privateKey);
    return { accessToken, expiresIn: accessTtlSeconds };
  }
}
