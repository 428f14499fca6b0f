import { AccountToken } from './account-token';
import { InvalidAccountToken } from './identity.errors';

const t0 = new Date('2026-01-01T00:00:00Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const aToken = (purpose: 'password_reset' | 'email_verification' | 'email_change' = 'password_reset', previousEmail?: string) =>
  AccountToken.issue({ id: 't1', userId: 'u1', purpose, email: 'ada@example.com', tokenHash: 'h', now: t0, ttlSeconds: 1800, previousEmail });

describe('AccountToken', () => {
  it('records the request its mail answers, with the token id and never the token', () => {
    expect(aToken().pullEvents()).toEqual([
      {
        type: 'password-reset.requested',
        aggregateId: 'u1',
        occurredAt: t0,
        userId: 'u1',
        email: 'ada@example.com',
        tokenId: 't1',
        expiresAt: later(1800).toISOString(),
      },
    ]);
    expect(aToken('email_change', 'old@example.com').pullEvents()).toEqual([
      expect.objectContaining({ type: 'email-change.requested', email: 'ada@example.com', previousEmail: 'old@example.com' }),
    ]);
    expect(aToken('email_verification').pullEvents()).toEqual([expect.objectContaining({ type: 'email-verification.requested' })]);
  });

  it('is spent once, within its lifetime', () => {
    const token = aToken();
    token.redeem(['password_reset'], later(1799));
    expect(token.usedAt).toEqual(later(1799));
    expect(() => token.redeem(['password_reset'], later(1799))).toThrow(InvalidAccountToken);
    expect(() => aToken().redeem(['password_reset'], later(1800))).toThrow(InvalidAccountToken);
  });

  it('refuses a superseded token and a token of another purpose', () => {
    const superseded = aToken();
    superseded.supersededAt = later(10);
    expect(() => superseded.redeem(['password_reset'], later(20))).toThrow(InvalidAccountToken);
    expect(() => aToken('email_verification').redeem(['password_reset'], later(1))).toThrow(InvalidAccountToken);
    expect(() => aToken('password_reset').redeem(['email_verification', 'email_change'], later(1))).toThrow(InvalidAccountToken);
  });
});
