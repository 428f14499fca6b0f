export interface NewRefreshToken {
  /** Given to the client once; never stored. */
  readonly token: string;
  readonly hash: string;
}

/** Opaque refresh tokens that name their session, so a spent one still leads to the session it must end. */
export abstract class RefreshTokens {
  abstract create(sessionId: string): NewRefreshToken;
  abstract parse(token: string): { sessionId: string; hash: string } | null;
  /** Constant-time comparison of two hashes. */
  abstract matches(storedHash: string, presentedHash: string): boolean;
}
