import { createHash, randomUUID } from 'node:crypto';
import { IdentityPurgeScheduler, MikroORM } from '../support/built';
import { ADMIN, asAdmin, logIn, newCustomer, PASSWORD } from '../support/journeys';
import { withoutTrace } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Accounts: register, log in, profile', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const email = () => `user-${randomUUID()}@test.example`;
  const TOO_EASY = 'This password is too easy to guess: it is a common one, or made of your name or email address; choose another.';

  it('registers a customer with a normalised email and never shows the password hash', async () => {
    const address = email();
    const reply = await t.http.post('/api/v1/auth/register', { email: `  ${address.toUpperCase()} `, password: PASSWORD, name: ' Ada ' });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      id: expect.any(String),
      email: address,
      emailVerified: false,
      name: 'Ada',
      role: 'customer',
      status: 'active',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(reply.text).not.toMatch(/password|argon2/i);
  });

  it('refuses a role in the register body', async () => {
    const reply = await t.http.post('/api/v1/auth/register', { email: email(), password: PASSWORD, name: 'Eve', role: 'admin' });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ field: 'role', message: 'property role should not exist' }]);
  });

  it('refuses the same email in another case with 409', async () => {
    const address = email();
    expect((await t.http.post('/api/v1/auth/register', { email: address, password: PASSWORD, name: 'A' })).status).toBe(201);
    const again = await t.http.post('/api/v1/auth/register', { email: address.toUpperCase(), password: PASSWORD, name: 'B' });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/email-already-registered$/);
  });

  // Composed (NFC) and decomposed (NFD) `ü` look the same: two accounts of one visible address were registered.
  it('refuses the same email composed another way in Unicode with 409, and logs in by either', async () => {
    const composed = `${randomUUID().slice(0, 8)}-ünïcode@exämple.com`.normalize('NFC');
    const first = await t.http.post('/api/v1/auth/register', { email: composed, password: PASSWORD, name: 'Ü' });
    expect([first.status, first.body.email]).toEqual([201, composed]);
    const again = await t.http.post('/api/v1/auth/register', { email: composed.normalize('NFD'), password: PASSWORD, name: 'U' });
    expect([again.status, again.body.type]).toEqual([409, expect.stringMatching(/email-already-registered$/)]);
    expect((await t.http.post('/api/v1/auth/login', { email: composed.normalize('NFD'), password: PASSWORD })).status).toBe(200);
  });

  it('stores the addresses registered before in NFC once its migration runs, but one another account holds in NFC', async () => {
    const connection = t.app.get(MikroORM).em.getConnection();
    const emailOf = async (id: string) => (await connection.execute<Array<{ email: string }>>('select email from users where id = ?', [id]))[0].email;
    const register = async (address: string) => (await t.http.post('/api/v1/auth/register', { email: address, password: PASSWORD, name: 'N' })).body.id as string;
    const [lone, taken] = [`${randomUUID().slice(0, 8)}-jürgen@exämple.com`, `${randomUUID().slice(0, 8)}-zoë@exämple.com`].map((a) => a.normalize('NFC'));
    const [loneId, takenId, twinId] = [await register(lone), await register(taken), await register(`${randomUUID()}@example.com`)];
    // As stored before: in the form the client sent, here decomposed; the twin the same address as another account.
    await connection.execute('update users set email = ? where id = ?', [lone.normalize('NFD'), loneId]);
    await connection.execute('update users set email = ? where id = ?', [taken.normalize('NFD'), twinId]);

    const migrator = t.app.get(MikroORM).migrator;
    await migrator.down({ to: 'M015TransactionRequestKeys' });
    await migrator.up();
    expect([await emailOf(loneId), await emailOf(takenId), await emailOf(twinId)]).toEqual([lone, taken, taken.normalize('NFD')]);
    expect((await t.http.post('/api/v1/auth/login', { email: lone.normalize('NFD'), password: PASSWORD })).status).toBe(200);
  });

  it.each([
    ['too short', 'short pass'],
    ['common', 'password1234'],
    ['too long', 'x'.repeat(257)],
  ])('refuses a %s password with 400', async (_case, password) => {
    const reply = await t.http.post('/api/v1/auth/register', { email: email(), password, name: 'W' });
    expect(reply.status).toBe(400);
  });

  // 12 characters and more: the common-password list alone has few that long; the estimate of a cracker's guesses refuses these.
  it.each([
    ['one character repeated', 'aaaaaaaaaaaa'],
    ['a repeated run of digits', '123456123456'],
    ['a keyboard walk', 'qwertyuiopas'],
    ['a common phrase with digits', 'iloveyou1234'],
    ['a common password written twice', 'Passw0rd!Passw0rd'],
  ])('refuses %s as too common, with a weak-password problem', async (_case, password) => {
    const reply = await t.http.post('/api/v1/auth/register', { email: email(), password, name: 'W' });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ type: expect.stringMatching(/weak-password$/), detail: TOO_EASY });
  });

  it("refuses a password made of the account's own address or name, which another account may have", async () => {
    const address = email();
    const asAddress = await t.http.post('/api/v1/auth/register', { email: address, password: address, name: 'Wren' });
    expect(asAddress.status).toBe(400);
    expect(asAddress.body).toMatchObject({ type: expect.stringMatching(/weak-password$/), detail: TOO_EASY });
    const asName = await t.http.post('/api/v1/auth/register', { email: email(), password: 'jonathansilverman', name: 'Jonathan Silverman' });
    expect(asName.status).toBe(400);
    expect(asName.body).toMatchObject({ type: expect.stringMatching(/weak-password$/), detail: TOO_EASY });
    expect((await t.http.post('/api/v1/auth/register', { email: email(), password: 'jonathansilverman', name: 'Wren' })).status).toBe(201);
    expect((await t.http.post('/api/v1/auth/register', { email: email(), password: address, name: 'Wren' })).status).toBe(201);
  });

  it("refuses a new password made of the account's own address, and keeps the old one", async () => {
    const customer = await newCustomer(t.http);
    const reply = await t.http.post('/api/v1/users/me/password', { currentPassword: PASSWORD, newPassword: customer.email }, { token: customer.token });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ type: expect.stringMatching(/weak-password$/), detail: TOO_EASY });
    await logIn(t.http, customer.email, PASSWORD);
  });

  it('refuses a malformed email with 400, naming it', async () => {
    const reply = await t.http.post('/api/v1/auth/register', { email: 'not-an-email', password: PASSWORD, name: 'M' });
    expect(reply.status).toBe(400);
    expect(reply.body.type).toMatch(/validation-failed$/);
    expect(reply.body.errors).toEqual([{ field: 'email', message: 'email must be an email address' }]);
  });

  it('names every bad field of a registration in one reply', async () => {
    const reply = await t.http.post('/api/v1/auth/register', { email: 'not-an-email', password: 'short', name: 'x' });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([
      { field: 'email', message: 'email must be an email address' },
      { field: 'password', message: 'password must be 12 to 256 characters long' },
    ]);
    const blank = await t.http.post('/api/v1/auth/register', { email: 'a@b', password: 'x'.repeat(257), name: '   ' });
    expect(blank.body.errors).toEqual([
      { field: 'email', message: 'email must be an email address' },
      { field: 'password', message: 'password must be 12 to 256 characters long' },
      { field: 'name', message: 'name must not be blank' },
    ]);
  });

  it('counts a password\'s length in characters, as the policy does: twelve emoji are long enough', async () => {
    const reply = await t.http.post('/api/v1/auth/register', { email: email(), password: '🔑'.repeat(11), name: 'E' });
    expect(reply.body.errors).toEqual([{ field: 'password', message: 'password must be 12 to 256 characters long' }]);
    // Twelve different ones: the same few repeated are refused as too common, as 'abababababab' is.
    expect((await t.http.post('/api/v1/auth/register', { email: email(), password: '🔑🗝🐢🌵🎻🚲🧩🪁🦉🍋🛶🎈', name: 'E' })).status).toBe(201);
  });

  it('counts a name\'s length as PostgreSQL does, variation selectors included: 51 "❤️" are a 400 naming it, not a 500', async () => {
    const hearts = (count: number) => '\u2764\uFE0F'.repeat(count);
    const tooLong = [{ field: 'name', message: 'name must be shorter than or equal to 100 characters' }];
    const refused = await t.http.post('/api/v1/auth/register', { email: email(), password: PASSWORD, name: hearts(51) });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual(tooLong);
    const registered = await t.http.post('/api/v1/auth/register', { email: email(), password: PASSWORD, name: hearts(50) });
    expect(registered.status).toBe(201);
    expect(registered.body.name).toBe(hearts(50));
    const customer = await newCustomer(t.http);
    const renamed = await t.http.patch('/api/v1/users/me', { name: hearts(51) }, { token: customer.token });
    expect(renamed.status).toBe(400);
    expect(renamed.body.errors).toEqual(tooLong);
    expect((await t.http.patch('/api/v1/users/me', { name: hearts(50) }, { token: customer.token })).body.name).toBe(hearts(50));
  });

  it('keeps a name in NFC, on one line and showing something', async () => {
    const registered = await t.http.post('/api/v1/auth/register', { email: email(), password: PASSWORD, name: 'Zoe\u0308 Cafe\u0301' });
    expect(registered.body.name).toBe('Zo\u00eb Caf\u00e9');
    for (const [name, message] of [
      ['\u200b\u200d', 'name must not be blank'],
      ['Ada\r\nBcc: eve@example.com', 'name must not contain control characters'],
      ['Ada\u0007', 'name must not contain control characters'],
    ]) {
      const reply = await t.http.post('/api/v1/auth/register', { email: email(), password: PASSWORD, name });
      expect({ name, status: reply.status, errors: reply.body.errors }).toEqual({ name, status: 400, errors: [{ field: 'name', message }] });
    }
    const customer = await newCustomer(t.http);
    const renamed = await t.http.patch('/api/v1/users/me', { name: 'Line\nbreak' }, { token: customer.token });
    expect(renamed.body.errors).toEqual([{ field: 'name', message: 'name must not contain control characters' }]);
  });

  it('refuses a new password of the wrong length beside the field, and a blank name', async () => {
    const customer = await newCustomer(t.http);
    const reply = await t.http.post('/api/v1/users/me/password', { currentPassword: PASSWORD, newPassword: 'y'.repeat(257) }, { token: customer.token });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ field: 'newPassword', message: 'newPassword must be 12 to 256 characters long' }]);
    const blank = await t.http.patch('/api/v1/users/me', { name: ' ' }, { token: customer.token });
    expect(blank.body.errors).toEqual([{ field: 'name', message: 'name must not be blank' }]);
  });

  it('logs in with a bearer token pair', async () => {
    const customer = await newCustomer(t.http);
    const reply = await t.http.post('/api/v1/auth/login', { email: customer.email, password: PASSWORD });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
  });

  it('answers an unknown email and a wrong password identically', async () => {
    const customer = await newCustomer(t.http);
    const unknown = await t.http.post('/api/v1/auth/login', { email: email(), password: PASSWORD });
    const wrong = await t.http.post('/api/v1/auth/login', { email: customer.email, password: 'wrong passphrase here' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(withoutTrace(unknown.body)).toEqual(withoutTrace(wrong.body));
    expect(unknown.headers['www-authenticate']).toBe('Bearer');
    expect(wrong.headers['www-authenticate']).toBe('Bearer');
  });

  // "Similar time": an unknown email is checked against a dummy hash, so that the time of a reply does not tell which
  // addresses have accounts. Without it, an unknown email is answered in a fourteenth of the time (0.07x); with it,
  // 0.8-1x on a quiet machine, and down to 0.4x when two test workers and PostgreSQL share two cores (a wrong
  // password also records the failure in a transaction).
  it('takes about as long for an unknown email as for a wrong password', async () => {
    const customer = await newCustomer(t.http);
    const timed = async (body: object) => {
      const started = performance.now();
      expect((await t.http.post('/api/v1/auth/login', body)).status).toBe(401);
      return performance.now() - started;
    };
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 4; i++) {
      // Fewer than the five failures that lock the account.
      unknown.push(await timed({ email: email(), password: 'wrong passphrase here' }));
      wrong.push(await timed({ email: customer.email, password: 'wrong passphrase here' }));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length / 2];
    const ratio = median(unknown) / median(wrong);
    expect({ ratio, similar: ratio > 0.25 && ratio < 4 }).toEqual({ ratio, similar: true });
  });

  it('locks the account after five failures in a row: 429 with Retry-After, even for the right password', async () => {
    const customer = await newCustomer(t.http);
    for (let i = 0; i < 5; i++) {
      expect((await t.http.post('/api/v1/auth/login', { email: customer.email, password: 'wrong passphrase here' })).status).toBe(401);
    }
    const locked = await t.http.post('/api/v1/auth/login', { email: customer.email, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect(locked.body.type).toMatch(/account-locked$/);
  });

  // The lockout told which addresses have accounts: six wrong passwords for a registered address ended in a 429, for
  // an unknown one in six 401s, whatever the same-401 rule hid.
  it('locks an address no account has after five failures as it locks an account, with the same replies', async () => {
    const customer = await newCustomer(t.http);
    const unknown = email();
    const attempts = async (address: string) => {
      const replies = [];
      for (let i = 0; i < 7; i++) replies.push(await t.http.post('/api/v1/auth/login', { email: address, password: 'wrong passphrase here' }));
      return replies;
    };
    const [known, unknownReplies] = [await attempts(customer.email), await attempts(unknown)];
    const shape = (replies: Array<{ status: number; headers: Record<string, unknown>; body: Record<string, unknown> }>) =>
      replies.map((reply) => ({ status: reply.status, type: reply.body.type, detail: reply.body.detail, retryAfter: reply.headers['retry-after'] === undefined ? undefined : Number(reply.headers['retry-after']) > 800 }));
    expect(shape(unknownReplies)).toEqual(shape(known));
    expect(shape(unknownReplies).map((reply) => reply.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // Another spelling of the same address is the same address, as for accounts.
    expect((await t.http.post('/api/v1/auth/login', { email: `  ${unknown.toUpperCase()} `, password: 'wrong passphrase here' })).status).toBe(429);
  });

  it('keeps an unknown address keyed, not as a plain hash, and forgets it once no one tried it for the retention', async () => {
    const connection = t.app.get(MikroORM).em.getConnection();
    const lastWritten = async () =>
      (await connection.execute<Array<{ email_hash: string }>>('select email_hash from unknown_address_logins order by updated_at desc limit 1'))[0].email_hash;
    const fail = (address: string) => t.http.post('/api/v1/auth/login', { email: address, password: 'wrong passphrase here' });
    const [idle, recent] = [email(), email()];
    for (let i = 0; i < 4; i++) await fail(idle);
    const idleKey = await lastWritten();
    await fail(recent);
    const recentKey = await lastWritten();
    // An HMAC: a plain SHA-256 of an address is found again from a list of likely ones.
    expect(idleKey).not.toBe(createHash('sha256').update(idle).digest('hex'));
    // As if the four failures were eight days ago (EVENT_RETENTION_DAYS is 7).
    await connection.execute("update unknown_address_logins set updated_at = updated_at - interval '8 days' where email_hash = ?", [idleKey]);
    expect(await t.app.get(IdentityPurgeScheduler).unknownAddresses.runOnce()).toBe(1);
    const kept = await connection.execute<Array<{ email_hash: string }>>('select email_hash from unknown_address_logins where email_hash in (?, ?)', [idleKey, recentKey]);
    expect(kept).toEqual([{ email_hash: recentKey }]);
    // Its streak had lapsed, as an account's would have: the next failure is the first, not the fifth (which would
    // lock it, and the one after would be a 429).
    expect([(await fail(idle)).status, (await fail(idle)).status]).toEqual([401, 401]);
  });

  it('counts wrong current passwords toward the lockout: a stolen session cannot guess the password to take the account', async () => {
    const customer = await newCustomer(t.http);
    const guesses = [
      () => t.http.post('/api/v1/users/me/password', { currentPassword: 'wrong passphrase here', newPassword: 'a brand new passphrase' }, { token: customer.token }),
      () => t.http.post('/api/v1/users/me/email', { email: email(), password: 'wrong passphrase here' }, { token: customer.token }),
    ];
    for (let i = 0; i < 5; i++) {
      const reply = await guesses[i % 2]();
      expect(reply.status).toBe(400);
      expect(reply.body.type).toMatch(/wrong-current-password$/);
    }
    // Locked for both, the right password too, and for logging in, as five failed logins would have locked it.
    const change = await t.http.post('/api/v1/users/me/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }, { token: customer.token });
    expect(change.status).toBe(429);
    expect(change.body.type).toMatch(/account-locked$/);
    expect(Number(change.headers['retry-after'])).toBeGreaterThan(800);
    expect((await guesses[1]()).status).toBe(429);
    expect((await t.http.post('/api/v1/auth/login', { email: customer.email, password: PASSWORD })).status).toBe(429);
  });

  it('judges guesses sent at once one by one: five wrong ones, then the account is locked for the rest', async () => {
    const customer = await newCustomer(t.http);
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.http.post('/api/v1/users/me/password', { currentPassword: 'wrong passphrase here', newPassword: 'a brand new passphrase' }, { token: customer.token }),
      ),
    );
    expect(replies.map((reply) => reply.status).sort()).toEqual([...Array(5).fill(400), ...Array(5).fill(429)]);
  });

  it('reads and renames the caller\'s own profile', async () => {
    const customer = await newCustomer(t.http, 'Grace');
    const me = await t.http.get('/api/v1/users/me', { token: customer.token });
    expect(me.body).toMatchObject({ id: customer.userId, email: customer.email, name: 'Grace', role: 'customer' });
    const renamed = await t.http.patch('/api/v1/users/me', { name: 'Grace Hopper' }, { token: customer.token });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Grace Hopper');
    expect((await t.http.patch('/api/v1/users/me', { role: 'admin' }, { token: customer.token })).status).toBe(400);
    expect((await t.http.patch('/api/v1/users/me', { name: null }, { token: customer.token })).status).toBe(400); // found by the fuzzer
  });

  it('creates the first admin from configuration', async () => {
    const admin = await logIn(t.http, ADMIN.email, ADMIN.password);
    expect((await t.http.get('/api/v1/users/me', { token: admin.token })).body.role).toBe('admin');
    expect((await asAdmin(t.http)).userId).toBe(admin.userId);
  });
});
