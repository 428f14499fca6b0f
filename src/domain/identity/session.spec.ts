import { InvalidRefreshToken } from './identity.errors';
import { Session } from './session';

const t0 = new Date('2026-01-01T00:00:00Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const aSession = () => Session.start({ id: 's1', userId: 'u1', refreshTokenHash: 'h0', now: t0, ttlSeconds: 3600 });

describe('Session', () => {
  it('rotates to the next refresh token when the current one is presented', () => {
    const session = aSession();
    expect(session.rotate(true, 'h1', later(10))).toBe('rotated');
    expect(session.refreshTokenHash).toBe('h1');
    expect(session.isActive(later(10))).toBe(true);
  });

  it('ends the whole session when a spent token is presented again', () => {
    const session = aSession();
    session.rotate(true, 'h1', later(10));
    expect(session.rotate(false, 'h2', later(20))).toBe('reused');
    expect(session).toMatchObject({ endReason: 'refresh_token_reused', endedAt: later(20), refreshTokenHash: 'h1' });
    expect(session.isActive(later(21))).toBe(false);
  });

  it('refuses to rotate once ended or expired', () => {
    const ended = aSession();
    ended.end('logout', later(1));
    expect(() => ended.rotate(true, 'h1', later(2))).toThrow(InvalidRefreshToken);
    expect(() => aSession().rotate(true, 'h1', later(3600))).toThrow(InvalidRefreshToken);
  });

  it('keeps the first reason when ended twice', () => {
    const session = aSession();
    session.end('logout', later(1));
    session.end('password_changed', later(2));
    expect(session).toMatchObject({ endReason: 'logout', endedAt: later(1) });
  });
});
