import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy, type StrategyOptionsWithRequest } from 'passport-jwt';
import { AuthenticateSession } from '../../application/identity/authenticate-session';
import type { Actor } from '../../application/shared/actor';
import { SessionEnded } from '../../domain/identity/identity.errors';
import { AppConfig, type JwtConfig } from '../../infrastructure/config/app-config';
import { verifyEdDsaWithJose } from '../../infrastructure/security/eddsa-token-verifier';
import { ACCESS_TOKEN_TYPE } from '../../infrastructure/security/jwt-access-token-issuer';

const bearer = ExtractJwt.fromAuthHeaderAsBearerToken();

interface AccessClaims {
  sub?: unknown;
  sid?: unknown;
  exp?: unknown;
}

/**
 * Verifies signature (algorithm pinned by JWT_ALGORITHM, so `alg: none` and key confusion fail), `iss`, `aud`, `exp`
 * and the `at+jwt` type, then asks whether the session named by `sid` is still open.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly authenticateSession: AuthenticateSession,
  ) {
    super({
      jwtFromRequest: bearer,
      secretOrKey: verificationKey(config.jwt),
      // jsonwebtoken's types know no EdDSA: verifyEdDsaWithJose takes that strategy's tokens.
      algorithms: [config.jwt.algorithm] as StrategyOptionsWithRequest['algorithms'],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      ignoreExpiration: false,
      passReqToCallback: true,
    });
    if (config.jwt.algorithm === 'EdDSA') verifyEdDsaWithJose();
  }

  async validate(request: FastifyRequest, claims: AccessClaims): Promise<Actor> {
    if (tokenType(bearer(request as never)) !== ACCESS_TOKEN_TYPE) throw new SessionEnded();
    // jsonwebtoken checks `exp` only when there is one; every token this app issues has one, and one without would
    // never expire.
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || typeof claims.exp !== 'number') throw new SessionEnded();
    return this.authenticateSession.execute({ userId: claims.sub, sessionId: claims.sid });
  }
}

/**
 * A KeyObject, made once: the public key for EdDSA, the secret for HS256. Handed the secret as a string,
 * jsonwebtoken first tries to read it as a public key on every request, which throws: about a fifth of a
 * millisecond per authenticated request. The typings (string | Buffer) predate KeyObject; passport-jwt passes the
 * key through unchanged.
 */
function verificationKey(jwt: JwtConfig): Buffer {
  return (jwt.algorithm === 'EdDSA' ? jwt.keyPair!.publicKey : createSecretKey(Buffer.from(jwt.secret))) as unknown as Buffer;
}

function tokenType(token: string | null): unknown {
  try {
    return JSON.parse(Buffer.from(token?.split('.')[0] ?? '', 'base64url').toString('utf8')).typ;
  } catch {
    return undefined;
  }
}
