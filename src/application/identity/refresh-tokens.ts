export interface NewRefreshToken {
  /** Given to the client once; never stored. */
  readonly token: string;
  readonly hash: string;
}

export interface PresentedRefreshToken {
  readonly sessionId: string;
  readonly hash: string;
  /** Issued by this API for its session, current or spent; a token made up around a session id is not. */
  readonly issuedHere: boolean;
}

/** Opaque refresh tokens that name their session, so a spent one still leads to the session it must end. */
export abstract class RefreshTokens {
  abstract create(sessionId: string): NewRefreshToken;
  abstract parse(token: string): PresentedRefreshToken | null;
  /** Constant-time comparison of two hashes. */
  abstract matches(storedHash: string, presentedHash: string): boolean;
}
