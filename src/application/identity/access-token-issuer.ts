import type { ActorRole } from '../shared/actor';

export interface IssuedAccessToken {
  readonly accessToken: string;
  /** Seconds until it expires. */
  readonly expiresIn: number;
}

export abstract class AccessTokenIssuer {
  abstract issue(claims: { userId: string; role: ActorRole; sessionId: string }): Promise<IssuedAccessToken>;
}
