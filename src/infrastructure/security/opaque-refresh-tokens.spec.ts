import type { AppConfig } from '../config/app-config';
import { OpaqueRefreshTokens } from './opaque-refresh-tokens';

const withSecret = (secret: string) => new OpaqueRefreshTokens({ jwt: { secret } } as AppConfig);
const sessionId = '01937c5e-8a4b-7cde-9f01-23456789abcd';
const otherSession = '01937c5e-8a4b-7cde-9f01-23456789abce';

describe('OpaqueRefreshTokens', () => {
  const tokens = withSecret('s'.repeat(40));

  it('knows the tokens it issued, by their MAC, and hashes each for storage', () => {
    const { token, hash } = tokens.create(sessionId);
    expect(token).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(tokens.parse(token)).toEqual({ sessionId, hash, issuedHere: true });
    expect(tokens.matches(hash, tokens.parse(token)!.hash)).toBe(true);
  });

  it('does not take a token made up around a session id, one moved to another session, or one of another key for its own', () => {
    const { token } = tokens.create(sessionId);
    const secret = token.split('.')[1];
    const madeUp = [`${sessionId}.${'A'.repeat(43)}`, `${otherSession}.${secret}`, withSecret('t'.repeat(40)).create(sessionId).token];
    expect(madeUp.map((candidate) => tokens.parse(candidate)?.issuedHere)).toEqual([false, false, false]);
  });

  it('refuses what is not shaped as a token', () => {
    expect([tokens.parse('garbage'), tokens.parse(`${sessionId}.short`)]).toEqual([null, null]);
  });
});
