import type { SqlEntityManager } from '@mikro-orm/sql';
import { AcceptedRequests, Clock, MailDeliveryScheduler, MikroORM, PasswordHasher, UserRepository } from '../support/built';
import { asAdmin, logIn, type LoggedIn, newCustomer, PASSWORD } from '../support/journeys';
import { ManualClock } from '../support/manual-clock';
import { relayAll } from '../support/relay';
import { type ReceivedMail, SmtpInbox } from '../support/smtp-inbox';
import { startTestApp, type TestApp } from '../support/test-app';

const APP_URL = 'https://shop.test.example';
const NEW_PASSWORD = 'a different long passphrase';

/**
 * Relays and delivers until `count` mails with this subject reached the address: a reset request is answered before
 * it runs, and the app's own relay and delivery ticks may be under way when a test asks for one.
 */
async function mailsTo(t: TestApp, inbox: SmtpInbox, address: string, subject: string, count = 1): Promise<ReceivedMail[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await relayAll(t);
    await t.app.get(MailDeliveryScheduler).job.runOnce();
    const mails = inbox.to(address).filter((mail) => mail.subject === subject);
    if (mails.length >= count || Date.now() > deadline) return mails;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Account recovery and proven addresses, with the links received by a real SMTP server: the reset flow, the
 * refusals of a spent, expired, superseded or unknown token, an unknown address, proving and changing the address.
 */
describe('Account recovery and verified addresses', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  let sql: SqlEntityManager;
  const clock = new ManualClock();
  const tokensSeen: string[] = [];
  const replies: string[] = [];

  beforeAll(async () => {
    inbox = await SmtpInbox.start();
    t = await startTestApp({
      env: { SMTP_URL: inbox.url, PUBLIC_APP_URL: APP_URL, MAIL_DELIVERY_INTERVAL_MS: '60000', PASSWORD_RESET_TTL_SECONDS: '1800' },
      override: (builder) => builder.overrideProvider(Clock).useValue(clock),
    });
    sql = t.app.get(MikroORM).em.fork() as SqlEntityManager;
  });
  afterAll(async () => {
    await t.close();
    await inbox.close();
  });

  /** Every reply of this suite is kept, to look for tokens in. */
  const post = async (path: string, body: object, options?: { token?: string }) => {
    const reply = await t.http.post(path, body, options);
    replies.push(reply.text);
    return reply;
  };
  const me = async (customer: LoggedIn) => {
    const reply = await t.http.get('/api/v1/users/me', { token: customer.token });
    replies.push(reply.text);
    return reply;
  };

  const mailed = (address: string, subject: string, count = 1) => mailsTo(t, inbox, address, subject, count);
  /** The token of the mail's link, which must point at the frontend. */
  const tokenIn = (mail: ReceivedMail, page: 'reset-password' | 'verify-email'): string => {
    const link = new RegExp(`${APP_URL}/${page}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
    expect(link).not.toBeNull();
    expect(mail.html).toContain(`${APP_URL}/${page}?token=${link![1]}`);
    tokensSeen.push(link![1]);
    return link![1];
  };
  const requestReset = (email: string) => post('/api/v1/auth/password-reset', { email });
  const confirmReset = (token: string, password = NEW_PASSWORD) => post('/api/v1/auth/password-reset/confirm', { token, password });
  const resetToken = async (customer: LoggedIn, count = 1) => {
    const mails = await mailed(customer.email, 'Reset your password', count);
    expect(mails).toHaveLength(count);
    return tokenIn(mails[count - 1], 'reset-password');
  };

  it('resets a password with the mailed link: sessions end, the old password stops working, a notice is mailed', async () => {
    const customer = await newCustomer(t.http, 'Forgetful');
    const requested = await requestReset(customer.email.toUpperCase());
    expect(requested.status).toBe(202);
    const token = await resetToken(customer);

    expect((await confirmReset(token)).status).toBe(204);
    expect((await me(customer)).status).toBe(401);
    expect((await post('/api/v1/auth/login', { email: customer.email, password: PASSWORD })).status).toBe(401);
    await logIn(t.http, customer.email, NEW_PASSWORD);
    expect(await mailed(customer.email, 'Your password was changed')).toHaveLength(1);

    const reused = await confirmReset(token, 'yet another long passphrase');
    expect(reused.status).toBe(400);
    expect(reused.body.type).toMatch(/invalid-account-token$/);
  });

  it('answers an unknown address exactly as a known one, and mails nothing', async () => {
    const customer = await newCustomer(t.http, 'Known');
    const unknown = `nobody-${Date.now()}@test.example`;
    const [forKnown, forUnknown] = [await requestReset(customer.email), await requestReset(unknown)];
    expect(forUnknown.status).toBe(202);
    expect(forUnknown.body).toEqual(forKnown.body);
    expect(await mailed(customer.email, 'Reset your password')).toHaveLength(1);
    expect(inbox.to(unknown)).toEqual([]);
  });

  it('refuses a superseded token, an expired one and an unknown one with the same 400', async () => {
    const customer = await newCustomer(t.http, 'Twice');
    await requestReset(customer.email);
    const first = await resetToken(customer);
    await requestReset(customer.email);
    const second = await resetToken(customer, 2);
    expect(second).not.toBe(first);

    const superseded = await confirmReset(first);
    const unknown = await confirmReset('A'.repeat(43));
    for (const reply of [superseded, unknown]) {
      expect(reply.status).toBe(400);
      expect(reply.body.type).toMatch(/invalid-account-token$/);
    }
    expect((await confirmReset('not a token')).status).toBe(400);
    clock.advance(1801);
    try {
      const expired = await confirmReset(second);
      expect(expired.status).toBe(400);
      expect(expired.body.type).toMatch(/invalid-account-token$/);
    } finally {
      clock.advance(-1801);
    }
  });

  it('voids a reset link when an admin disables the account: enabled again, the link no longer works', async () => {
    const [customer, admin] = await Promise.all([newCustomer(t.http, 'Suspended'), asAdmin(t.http)]);
    await requestReset(customer.email);
    const token = await resetToken(customer);
    for (const status of ['disabled', 'active']) {
      expect((await t.http.patch(`/api/v1/users/${customer.userId}`, { status }, { token: admin.token })).status).toBe(200);
    }
    const stale = await confirmReset(token);
    expect(stale.status).toBe(400);
    expect(stale.body.type).toMatch(/invalid-account-token$/);
    await logIn(t.http, customer.email, PASSWORD);
  });

  it('keeps the token when the new password is refused, and clears a lockout once it is reset', async () => {
    const customer = await newCustomer(t.http, 'Locked');
    for (let i = 0; i < 5; i++) await post('/api/v1/auth/login', { email: customer.email, password: 'wrong password here' });
    expect((await post('/api/v1/auth/login', { email: customer.email, password: PASSWORD })).status).toBe(429);
    await requestReset(customer.email);
    const token = await resetToken(customer);

    // Long enough to pass the request's validation: refused by the password policy itself, in the use case.
    const common = await confirmReset(token, 'password1234');
    expect(common.status).toBe(400);
    expect(common.body.type).toMatch(/weak-password$/);
    const ownAddress = await confirmReset(token, customer.email);
    expect(ownAddress.status).toBe(400);
    expect(ownAddress.body.type).toMatch(/weak-password$/);
    expect((await confirmReset(token)).status).toBe(204);
    await logIn(t.http, customer.email, NEW_PASSWORD);
  });

  /**
   * A password is hashed outside the account's lock; these stretch that moment, the way a busy hasher does, and
   * commit a reset's new password inside it (as POST /auth/password-reset/confirm writes it).
   */
  const resetWhileHashing = async (customer: LoggedIn) => {
    const hasher = t.app.get(PasswordHasher);
    const resetHash = await hasher.hash(NEW_PASSWORD);
    const verify = hasher.verify.bind(hasher);
    jest.spyOn(hasher, 'verify').mockImplementationOnce(async (hash, password) => {
      const matches = await verify(hash, password);
      await sql.execute('update users set password_hash = ? where id = ?', [resetHash, customer.userId]);
      return matches;
    });
  };
  const sessionsOf = async (customer: LoggedIn) =>
    (await sql.execute<Array<{ count: number }>>('select count(*)::int as count from sessions where user_id = ?', [customer.userId]))[0].count;

  it('starts no session for the former password when a reset commits while it is checked, and takes the new one', async () => {
    const customer = await newCustomer(t.http, 'Raced');
    const sessions = await sessionsOf(customer);
    await resetWhileHashing(customer);
    const former = await post('/api/v1/auth/login', { email: customer.email, password: PASSWORD });
    expect({ status: former.status, type: former.body.type }).toEqual({ status: 401, type: expect.stringMatching(/invalid-credentials$/) });
    expect(await sessionsOf(customer)).toBe(sessions);

    const owner = await newCustomer(t.http, 'Quick');
    await resetWhileHashing(owner); // the new password, checked first against the hash it replaces
    expect((await post('/api/v1/auth/login', { email: owner.email, password: NEW_PASSWORD })).status).toBe(200);
  });

  it('changes neither the password nor the address on the former password when a reset commits while it is checked', async () => {
    const customer = await newCustomer(t.http, 'Overwritten');
    await resetWhileHashing(customer);
    const changed = await post('/api/v1/users/me/password', { currentPassword: PASSWORD, newPassword: 'the intruder\'s passphrase' }, { token: customer.token });
    expect({ status: changed.status, type: changed.body.type }).toEqual({ status: 400, type: expect.stringMatching(/wrong-current-password$/) });
    await logIn(t.http, customer.email, NEW_PASSWORD);

    const other = await newCustomer(t.http, 'Moved');
    await resetWhileHashing(other);
    const move = await post('/api/v1/users/me/email', { email: `intruder-${other.email}`, password: PASSWORD }, { token: other.token });
    expect({ status: move.status, type: move.body.type }).toEqual({ status: 400, type: expect.stringMatching(/wrong-current-password$/) });
    const [{ count }] = await sql.execute('select count(*)::int as count from account_tokens where user_id = ? and purpose = ?', [other.userId, 'email_change']);
    expect(count).toBe(0);
  });

  /** As resetWhileHashing, with an admin disabling the account (PATCH /users/{id}) inside that moment. */
  const disableWhileHashing = async (customer: LoggedIn) => {
    const admin = await asAdmin(t.http);
    const hasher = t.app.get(PasswordHasher);
    const verify = hasher.verify.bind(hasher);
    jest.spyOn(hasher, 'verify').mockImplementationOnce(async (hash, password) => {
      const matches = await verify(hash, password);
      expect((await t.http.patch(`/api/v1/users/${customer.userId}`, { status: 'disabled' }, { token: admin.token })).status).toBe(200);
      return matches;
    });
    return admin;
  };
  const tokensOf = async (customer: LoggedIn, purpose: string) =>
    (await sql.execute<Array<{ count: number }>>('select count(*)::int as count from account_tokens where user_id = ? and purpose = ?', [customer.userId, purpose]))[0].count;

  it('changes neither the password nor the address of an account an admin disables while the password is checked', async () => {
    const customer = await newCustomer(t.http, 'Midway');
    const admin = await disableWhileHashing(customer);
    const changed = await post('/api/v1/users/me/password', { currentPassword: PASSWORD, newPassword: 'the intruder\'s passphrase' }, { token: customer.token });
    expect({ status: changed.status, type: changed.body.type }).toEqual({ status: 401, type: expect.stringMatching(/invalid-token$/) });
    expect((await t.http.patch(`/api/v1/users/${customer.userId}`, { status: 'active' }, { token: admin.token })).status).toBe(200);
    await logIn(t.http, customer.email, PASSWORD);

    const other = await newCustomer(t.http, 'Moving');
    await disableWhileHashing(other);
    const move = await post('/api/v1/users/me/email', { email: `intruder-${other.email}`, password: PASSWORD }, { token: other.token });
    expect({ status: move.status, type: move.body.type }).toEqual({ status: 401, type: expect.stringMatching(/invalid-token$/) });
    expect(await tokensOf(other, 'email_change')).toBe(0);
  });

  it('mails no reset link for an account disabled, or moved to another address, while its request waited', async () => {
    const users = t.app.get(UserRepository);
    const byEmail = users.byEmail.bind(users);
    const [disabled, moved, admin] = await Promise.all([newCustomer(t.http, 'Disabled'), newCustomer(t.http, 'Moved away'), asAdmin(t.http)]);
    const changedWhileLooking = async (change: () => Promise<unknown>, email: string) => {
      jest.spyOn(users, 'byEmail').mockImplementationOnce(async (address) => {
        const found = await byEmail(address);
        await change();
        return found;
      });
      expect((await requestReset(email)).status).toBe(202);
      await t.app.get(AcceptedRequests).drain();
    };
    await changedWhileLooking(() => t.http.patch(`/api/v1/users/${disabled.userId}`, { status: 'disabled' }, { token: admin.token }), disabled.email);
    await changedWhileLooking(() => sql.execute('update users set email = ? where id = ?', [`new-${moved.email}`, moved.userId]), moved.email);
    expect([await tokensOf(disabled, 'password_reset'), await tokensOf(moved, 'password_reset')]).toEqual([0, 0]);
  });

  it('mails at most three reset links per address in fifteen minutes, still answering 202', async () => {
    const customer = await newCustomer(t.http, 'Flooded');
    for (let i = 0; i < 5; i++) expect((await requestReset(customer.email)).status).toBe(202);
    await t.app.get(AcceptedRequests).drain();
    const issued = await sql.execute("select count(*)::int as n from account_tokens where user_id = ? and purpose = 'password_reset'", [customer.userId]);
    expect(issued).toEqual([{ n: 3 }]);
    expect(await mailed(customer.email, 'Reset your password', 3)).toHaveLength(3);
  });

  it('spends a token once, however many confirm it at once', async () => {
    const customer = await newCustomer(t.http, 'Racer');
    await requestReset(customer.email);
    const token = await resetToken(customer);
    const replies = await Promise.all(Array.from({ length: 5 }, (_, i) => confirmReset(token, `${NEW_PASSWORD} ${i}`)));
    expect(replies.map((reply) => reply.status).sort()).toEqual([204, 400, 400, 400, 400]);
  });

  it('ends open reset links and a pending move of the address when the owner changes the password', async () => {
    const customer = await newCustomer(t.http, 'Wary');
    await requestReset(customer.email);
    const reset = await resetToken(customer);
    const intruders = `intruder-${customer.email}`;
    expect((await post('/api/v1/users/me/email', { email: intruders, password: PASSWORD }, { token: customer.token })).status).toBe(202);
    const move = tokenIn((await mailed(intruders, 'Confirm your new email address'))[0], 'verify-email');

    expect((await post('/api/v1/users/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, { token: customer.token })).status).toBe(204);
    expect(await mailed(customer.email, 'Your password was changed')).toHaveLength(1);
    expect((await confirmReset(reset)).status).toBe(400);
    expect((await post('/api/v1/auth/email-verification/confirm', { token: move })).status).toBe(400);
    expect((await me(customer)).body.email).toBe(customer.email);
  });

  it('cancels a pending move of the address when the password is reset', async () => {
    const customer = await newCustomer(t.http, 'Recovered');
    const intruders = `intruder-${customer.email}`;
    expect((await post('/api/v1/users/me/email', { email: intruders, password: PASSWORD }, { token: customer.token })).status).toBe(202);
    const move = tokenIn((await mailed(intruders, 'Confirm your new email address'))[0], 'verify-email');
    await requestReset(customer.email);
    expect((await confirmReset(await resetToken(customer))).status).toBe(204);
    expect((await post('/api/v1/auth/email-verification/confirm', { token: move })).status).toBe(400);
  });

  it('answers 429 with Retry-After past three address links in fifteen minutes', async () => {
    const customer = await newCustomer(t.http, 'Impatient');
    for (let i = 0; i < 2; i++) expect((await post('/api/v1/auth/email-verification', {}, { token: customer.token })).status).toBe(202);
    const resend = await post('/api/v1/auth/email-verification', {}, { token: customer.token });
    expect(resend.status).toBe(429);
    expect(Number(resend.headers['retry-after'])).toBe(900);
    const move = await post('/api/v1/users/me/email', { email: `later-${customer.email}`, password: PASSWORD }, { token: customer.token });
    expect(move.status).toBe(429);
    expect(move.body.type).toMatch(/too-many-requests$/);
  });

  it('proves a new account\'s address with the link mailed at registration; a resend supersedes it', async () => {
    const customer = await newCustomer(t.http, 'Verifier');
    expect((await me(customer)).body.emailVerified).toBe(false);
    const first = tokenIn((await mailed(customer.email, 'Confirm your email address'))[0], 'verify-email');
    expect((await post('/api/v1/auth/email-verification', {}, { token: customer.token })).status).toBe(202);
    const second = tokenIn((await mailed(customer.email, 'Confirm your email address', 2))[1], 'verify-email');

    expect((await post('/api/v1/auth/email-verification/confirm', { token: first })).status).toBe(400);
    expect((await post('/api/v1/auth/email-verification/confirm', { token: second })).status).toBe(204);
    expect((await me(customer)).body.emailVerified).toBe(true);
    const again = await post('/api/v1/auth/email-verification', {}, { token: customer.token });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/email-already-verified$/);
  });

  it('moves an account to a new address once the link mailed there comes back, telling the old one', async () => {
    const customer = await newCustomer(t.http, 'Mover');
    const newAddress = `moved-${customer.email}`;
    expect((await post('/api/v1/users/me/email', { email: newAddress, password: 'wrong password here' }, { token: customer.token })).status).toBe(400);
    expect((await post('/api/v1/users/me/email', { email: newAddress, password: PASSWORD }, { token: customer.token })).status).toBe(202);

    const notice = await mailed(customer.email, 'Your account is moving to another address');
    expect(notice[0].text).toContain(newAddress);
    const token = tokenIn((await mailed(newAddress, 'Confirm your new email address'))[0], 'verify-email');
    expect((await me(customer)).body.email).toBe(customer.email);

    expect((await post('/api/v1/auth/email-verification/confirm', { token })).status).toBe(204);
    expect((await me(customer)).body).toMatchObject({ email: newAddress, emailVerified: true });
    await logIn(t.http, newAddress, PASSWORD);
    expect((await post('/api/v1/auth/login', { email: customer.email, password: PASSWORD })).status).toBe(401);
  });

  it('refuses an address another account holds, when asked and when the link comes back (409)', async () => {
    const customer = await newCustomer(t.http, 'Late');
    const taken = await newCustomer(t.http, 'Taken');
    const askTaken = await post('/api/v1/users/me/email', { email: taken.email, password: PASSWORD }, { token: customer.token });
    expect(askTaken.status).toBe(409);

    const wanted = `wanted-${customer.email}`;
    expect((await post('/api/v1/users/me/email', { email: wanted, password: PASSWORD }, { token: customer.token })).status).toBe(202);
    const token = tokenIn((await mailed(wanted, 'Confirm your new email address'))[0], 'verify-email');
    expect((await post('/api/v1/auth/register', { email: wanted, password: PASSWORD, name: 'Quicker' })).status).toBe(201);
    const late = await post('/api/v1/auth/email-verification/confirm', { token });
    expect(late.status).toBe(409);
    expect((await me(customer)).body.email).toBe(customer.email);
  });

  it('keeps every token out of the replies, the log and the database', async () => {
    expect(tokensSeen.length).toBeGreaterThanOrEqual(8);
    expect(replies.length).toBeGreaterThan(30);
    const answered = replies.join('\n');
    const logged = JSON.stringify(t.logs);
    const stored = JSON.stringify(
      await Promise.all(
        ['account_tokens', 'mail_messages', 'outbox_events', 'audit_log', 'users', 'sessions'].map((table) => sql.execute(`select * from ${table}`)),
      ),
    );
    for (const token of tokensSeen) {
      expect(answered).not.toContain(token);
      expect(logged).not.toContain(token);
      expect(stored).not.toContain(token);
    }
  });
});

describe('REQUIRE_VERIFIED_EMAIL', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  beforeAll(async () => {
    inbox = await SmtpInbox.start();
    t = await startTestApp({ env: { SMTP_URL: inbox.url, PUBLIC_APP_URL: APP_URL, MAIL_DELIVERY_INTERVAL_MS: '60000', REQUIRE_VERIFIED_EMAIL: 'true' } });
  });
  afterAll(async () => {
    await t.close();
    await inbox.close();
  });

  it('lets an unverified customer log in but not order (403), until the address is proven', async () => {
    const customer = await newCustomer(t.http, 'Unproven');
    const admin = await logIn(t.http, 'admin@test.example', 'admin password for tests');
    const product = await t.http.post('/api/v1/products', { sku: `SKU-${Date.now()}`, name: 'Mug', price: { amount: 900, currency: 'USD' }, stock: 5 }, { token: admin.token });
    const order = () => t.http.post('/api/v1/orders', { items: [{ productId: product.body.id, quantity: 1 }] }, { token: customer.token });

    const refused = await order();
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/email-not-verified$/);

    const [mail] = await mailsTo(t, inbox, customer.email, 'Confirm your email address');
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    expect((await t.http.post('/api/v1/auth/email-verification/confirm', { token })).status).toBe(204);
    expect((await order()).status).toBe(201);
  });
});
