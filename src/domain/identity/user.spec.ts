import { Email } from './email';
import { AccountLocked, EmailUnchanged, InvalidAccountToken, InvalidEmail, InvalidName, SelfModificationRefused, WeakPassword } from './identity.errors';
import { FAILURE_STREAK_LAPSE_SECONDS, LOCKOUT_SECONDS } from './login-failures';
import { assertAcceptablePassword } from './password-policy';
import { MAX_NAME_CHARACTERS, User } from './user';

const t0 = new Date('2026-01-01T00:00:00Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const aUser = (role: 'customer' | 'admin' = 'customer') =>
  User.register({ id: `u-${role}`, email: Email.parse('ada@example.com'), name: ' Ada ', passwordHash: 'h', role, now: t0 });
const secondsLocked = (user: User, now: Date) => {
  try {
    user.assertNotLocked(now);
    return 0;
  } catch (error) {
    return (error as AccountLocked).details.retryAfterSeconds;
  }
};
const noCommonPasswords = { includes: () => false };
const owner = { email: 'ada.lovelace@analytical.example.org', name: ' Ada  King-Lovelace ' };

describe('User.register', () => {
  it('records user.registered with the normalised email and the role', () => {
    const user = aUser('admin');
    expect(user.pullEvents()).toEqual([{ type: 'user.registered', aggregateId: 'u-admin', occurredAt: t0, email: 'ada@example.com', role: 'admin' }]);
    expect(user.pullEvents()).toEqual([]);
  });
});

describe('Email', () => {
  it('normalises by trimming and lower-casing', () => {
    expect(Email.parse('  Ada.Lovelace@Example.COM ').value).toBe('ada.lovelace@example.com');
  });

  it.each(['', 'ada', 'ada@', '@example.com', 'ada@example', 'a b@example.com', `${'a'.repeat(65)}@example.com`])(
    'refuses %p',
    (raw) => expect(() => Email.parse(raw)).toThrow(InvalidEmail),
  );
});

describe('password policy', () => {
  it('accepts 12 to 256 characters with no composition rules', () => {
    expect(() => assertAcceptablePassword('aaaaaaaaaaaa', noCommonPasswords, owner)).not.toThrow();
    expect(() => assertAcceptablePassword('x'.repeat(256), noCommonPasswords, owner)).not.toThrow();
  });

  it('refuses shorter than 12 and longer than 256, counting code points', () => {
    expect(() => assertAcceptablePassword('a'.repeat(11), noCommonPasswords, owner)).toThrow(WeakPassword);
    expect(() => assertAcceptablePassword('a'.repeat(257), noCommonPasswords, owner)).toThrow(WeakPassword);
    expect(() => assertAcceptablePassword('😀'.repeat(12), noCommonPasswords, owner)).not.toThrow();
  });

  it('refuses a common password, whatever its case', () => {
    const common = { includes: (p: string) => p === 'password1234' };
    expect(() => assertAcceptablePassword('PassWord1234', common, owner)).toThrow('too easy to guess');
  });

  it('asks about a password in lower case already once: the check can take milliseconds', () => {
    const asked: string[] = [];
    assertAcceptablePassword('a long lower-case one', { includes: (p: string) => asked.push(p) < 0 }, owner);
    assertAcceptablePassword('A Long Mixed-Case One', { includes: (p: string) => asked.push(p) < 0 }, owner);
    expect(asked).toEqual(['a long lower-case one', 'A Long Mixed-Case One', 'a long mixed-case one']);
  });

  it("asks with the owner's words in lower case: the address, its local part and pieces, the domain's labels but the last, the name and its words of three characters or more", () => {
    const words: (readonly string[])[] = [];
    assertAcceptablePassword('a long lower-case one', { includes: (_p: string, own: readonly string[]) => words.push(own) < 0 }, {
      email: 'Ada.Lovelace@Analytical.Example.org',
      name: ' Ada  King-Lovelace Jr Zoe\u0308 ',
    });
    expect(words).toEqual([
      ['ada.lovelace@analytical.example.org', 'ada.lovelace', 'ada', 'lovelace', 'analytical', 'example', 'ada  king-lovelace jr zo\u00eb', 'king', 'zo\u00eb'],
    ]);
  });
});

describe('User', () => {
  it('registers as an active customer with a trimmed name', () => {
    const user = aUser();
    expect(user).toMatchObject({ role: 'customer', status: 'active', name: 'Ada', failedLogins: 0, lockedUntil: null });
  });

  it('keeps a name of 1 to 100 characters as PostgreSQL counts them, variation selectors included', () => {
    const register = (name: string) => User.register({ id: 'u', email: Email.parse('ada@example.com'), name, passwordHash: 'h', now: t0 });
    const hearts = (count: number) => '\u2764\uFE0F'.repeat(count);
    expect(register(hearts(MAX_NAME_CHARACTERS / 2)).name).toBe(hearts(50));
    expect(register('😀'.repeat(MAX_NAME_CHARACTERS)).name).toHaveLength(2 * MAX_NAME_CHARACTERS);
    expect(() => register(hearts(MAX_NAME_CHARACTERS / 2 + 1))).toThrow(InvalidName);
    expect(() => register('   ')).toThrow(InvalidName);
    const user = aUser();
    expect(() => user.rename(`${hearts(50)}x`, later(1))).toThrow(InvalidName);
    expect(user.name).toBe('Ada');
    user.rename(' Ada Lovelace ', later(1));
    expect(user.name).toBe('Ada Lovelace');
  });

  it('locks for fifteen minutes after five failed logins in a row', () => {
    const user = aUser();
    for (let i = 0; i < 4; i++) user.recordFailedLogin(t0);
    expect(() => user.assertNotLocked(t0)).not.toThrow();
    user.recordFailedLogin(t0);
    expect(() => user.assertNotLocked(later(1))).toThrow(AccountLocked);
    expect(secondsLocked(user, later(60))).toBe(LOCKOUT_SECONDS - 60);
    expect(() => user.assertNotLocked(later(LOCKOUT_SECONDS))).not.toThrow();
  });

  it('ends a failure streak after a day without a failure, and counts a streak whose failures are less than a day apart', () => {
    const user = aUser();
    for (let i = 0; i < 4; i++) user.recordFailedLogin(t0);
    user.recordFailedLogin(later(FAILURE_STREAK_LAPSE_SECONDS));
    expect(() => user.assertNotLocked(later(FAILURE_STREAK_LAPSE_SECONDS))).not.toThrow();
    expect(user.failedLogins).toBe(1);
    for (let i = 1; i < 5; i++) user.recordFailedLogin(later(FAILURE_STREAK_LAPSE_SECONDS * (1 + i * 0.9)));
    expect(() => user.assertNotLocked(later(FAILURE_STREAK_LAPSE_SECONDS * 4.6 + 1))).toThrow(AccountLocked);
  });

  it('starts a new streak over one kept without the moment of its last failure', () => {
    const user = aUser();
    for (let i = 0; i < 3; i++) user.recordFailedLogin(t0);
    user.lastFailedLoginAt = null;
    user.recordFailedLogin(later(1));
    expect(user.failedLogins).toBe(1);
    for (let i = 0; i < 3; i++) user.recordFailedLogin(later(2));
    expect(() => user.assertNotLocked(later(3))).not.toThrow();
    user.recordFailedLogin(later(3));
    expect(() => user.assertNotLocked(later(4))).toThrow(AccountLocked);
  });

  it('forgets the failure streak after a successful login', () => {
    const user = aUser();
    for (let i = 0; i < 4; i++) expect(user.recordLogin(false, t0)).toBe(false);
    expect(user.recordLogin(true, t0)).toBe(true);
    user.recordFailedLogin(t0);
    expect(() => user.assertNotLocked(t0)).not.toThrow();
    expect(user.failedLogins).toBe(1);
  });

  it('refuses a disabled account\'s login with the right password as with a wrong one, lockout included', () => {
    const [disabled, guessed] = [aUser(), aUser()];
    disabled.changeStatus('disabled', 'another-admin', t0);
    for (let i = 0; i < 5; i++) {
      expect(disabled.recordLogin(true, t0)).toBe(false);
      expect(guessed.recordLogin(false, t0)).toBe(false);
    }
    expect(disabled).toMatchObject({ failedLogins: guessed.failedLogins, lockedUntil: guessed.lockedUntil, lastFailedLoginAt: guessed.lastFailedLoginAt });
    expect(() => disabled.assertNotLocked(t0)).toThrow(AccountLocked);
  });

  it('lets an admin change another user\'s role and status', () => {
    const user = aUser();
    user.changeRole('admin', 'another-admin', t0);
    expect(user.changeStatus('disabled', 'another-admin', later(1))).toBe(true);
    expect(user).toMatchObject({ role: 'admin', status: 'disabled', updatedAt: later(1) });
    expect(user.changeStatus('disabled', 'another-admin', later(2))).toBe(false);
  });

  it('refuses an admin demoting or disabling themselves', () => {
    const admin = aUser('admin');
    expect(() => admin.changeRole('customer', admin.id, t0)).toThrow(SelfModificationRefused);
    expect(() => admin.changeStatus('disabled', admin.id, t0)).toThrow(SelfModificationRefused);
    expect(admin).toMatchObject({ role: 'admin', status: 'active' });
  });
});

describe('User: recovery and proven addresses', () => {
  it('starts unproven for a customer, proven when the operator gave the address', () => {
    expect(aUser().emailVerified).toBe(false);
    expect(User.register({ id: 'u', email: Email.parse('op@example.com'), name: 'Op', passwordHash: 'h', role: 'admin', emailVerified: true, now: t0 }).emailVerified).toBe(true);
  });

  it('a reset changes the password, ends the lockout and records the notice', () => {
    const user = aUser();
    for (let i = 0; i < 5; i++) user.recordFailedLogin(t0);
    user.pullEvents();
    user.resetPassword('new-hash', later(1));
    expect(user.passwordHash).toBe('new-hash');
    expect(secondsLocked(user, later(2))).toBe(0);
    expect(user.failedLogins).toBe(0);
    expect(user.pullEvents()).toEqual([{ type: 'user.password-changed', aggregateId: 'u-customer', occurredAt: later(1), email: 'ada@example.com' }]);
  });

  it('proves only the address the account still has', () => {
    const user = aUser();
    expect(() => user.verifyEmail('old@example.com', later(1))).toThrow(InvalidAccountToken);
    user.verifyEmail('ada@example.com', later(1));
    expect(user.emailVerified).toBe(true);
  });

  it('moves to a proven new address and records the change', () => {
    const user = aUser();
    user.pullEvents();
    expect(() => user.changeEmail(Email.parse('ADA@example.com'), later(1))).toThrow(EmailUnchanged);
    user.changeEmail(Email.parse('ada.new@example.com'), later(1));
    expect(user).toMatchObject({ email: 'ada.new@example.com', emailVerified: true });
    expect(user.pullEvents()).toEqual([
      { type: 'user.email-changed', aggregateId: 'u-customer', occurredAt: later(1), email: 'ada.new@example.com', previousEmail: 'ada@example.com' },
    ]);
  });
});
