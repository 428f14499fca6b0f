import { asAdmin, newCustomer, PASSWORD, type LoggedIn } from '../support/journeys';
import { withoutTrace } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Admin user management and roles', () => {
  let t: TestApp;
  let admin: LoggedIn;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await asAdmin(t.http);
  });
  afterAll(() => t.close());

  it('lists users newest first with keyset pages', async () => {
    const made = [await newCustomer(t.http), await newCustomer(t.http), await newCustomer(t.http)];
    const first = await t.http.get('/api/v1/users?limit=2', { token: admin.token });
    expect(first.status).toBe(200);
    expect(first.body.items.map((u: { id: string }) => u.id)).toEqual([made[2].userId, made[1].userId]);
    const second = await t.http.get(`/api/v1/users?limit=2&cursor=${first.body.nextCursor}`, { token: admin.token });
    expect(second.body.items[0].id).toBe(made[0].userId);
    expect(first.text + second.text).not.toMatch(/password|argon2/i);
  });

  it('refuses a cursor it did not issue and a limit above 100', async () => {
    expect((await t.http.get('/api/v1/users?cursor=bm90LWEtdXVpZA', { token: admin.token })).status).toBe(400);
    expect((await t.http.get('/api/v1/users?limit=101', { token: admin.token })).status).toBe(400);
    expect((await t.http.get('/api/v1/users?limit=0', { token: admin.token })).status).toBe(400);
  });

  // Read by Number(), 0x10 was 16 and 1e1 was 10: a limit is written in decimal digits, or it is refused.
  it('refuses a limit not written in decimal digits', async () => {
    const limits = ['0x10', '1e1', '0b11', '%201', '1.0', '+2', ''];
    const replies = await Promise.all(limits.map((limit) => t.http.get(`/api/v1/users?limit=${limit}`, { token: admin.token })));
    expect(replies.map((reply) => reply.status)).toEqual(limits.map(() => 400));
    expect(replies[0].body.errors).toContainEqual({ field: 'limit', message: 'limit must be an integer number' });
    expect((await t.http.get('/api/v1/users?limit=02', { token: admin.token })).body.items).toHaveLength(2);
  });

  it('reads one user; an unknown id is 404 and a malformed one 400', async () => {
    const customer = await newCustomer(t.http);
    expect((await t.http.get(`/api/v1/users/${customer.userId}`, { token: admin.token })).body.email).toBe(customer.email);
    expect((await t.http.get('/api/v1/users/01937c5e-8a4b-7cde-9f01-23456789abcd', { token: admin.token })).status).toBe(404);
    expect((await t.http.get('/api/v1/users/not-a-uuid', { token: admin.token })).status).toBe(400);
  });

  it('disabling a user ends their sessions at once and refuses their logins', async () => {
    const customer = await newCustomer(t.http);
    const disabled = await t.http.patch(`/api/v1/users/${customer.userId}`, { status: 'disabled' }, { token: admin.token });
    expect(disabled.body.status).toBe('disabled');
    expect((await t.http.get('/api/v1/users/me', { token: customer.token })).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/refresh', { refreshToken: customer.refreshToken })).status).toBe(401);
    const login = await t.http.post('/api/v1/auth/login', { email: customer.email, password: PASSWORD });
    expect(login.status).toBe(401);
    expect(login.body.type).toMatch(/invalid-credentials$/);
  });

  // A refusal of its own told whoever guessed a disabled account's password that the guess was right: the login is
  // answered, and counted, as a wrong password's, lockout included.
  it('answers a disabled account\'s right password as a wrong one', async () => {
    const customer = await newCustomer(t.http);
    await t.http.patch(`/api/v1/users/${customer.userId}`, { status: 'disabled' }, { token: admin.token });
    const attempts = [];
    for (const password of [PASSWORD, 'wrong passphrase here', PASSWORD, 'wrong passphrase here', PASSWORD, PASSWORD]) {
      const reply = await t.http.post('/api/v1/auth/login', { email: customer.email, password });
      attempts.push({ status: reply.status, body: withoutTrace(reply.body), challenge: reply.headers['www-authenticate'] });
    }
    const wrong = attempts[1];
    expect(attempts.slice(0, 5)).toEqual(Array(5).fill(wrong));
    expect(wrong).toEqual({ status: 401, body: expect.objectContaining({ type: expect.stringMatching(/invalid-credentials$/) }), challenge: 'Bearer' });
    expect(attempts[5].status).toBe(429);
  });

  it('a role change applies to existing tokens at once', async () => {
    const customer = await newCustomer(t.http);
    expect((await t.http.get('/api/v1/users', { token: customer.token })).status).toBe(403);
    await t.http.patch(`/api/v1/users/${customer.userId}`, { role: 'admin' }, { token: admin.token });
    expect((await t.http.get('/api/v1/users', { token: customer.token })).status).toBe(200);
  });

  it('an admin cannot demote or disable themselves', async () => {
    const demote = await t.http.patch(`/api/v1/users/${admin.userId}`, { role: 'customer' }, { token: admin.token });
    expect(demote.status).toBe(403);
    const disable = await t.http.patch(`/api/v1/users/${admin.userId}`, { status: 'disabled' }, { token: admin.token });
    expect(disable.status).toBe(403);
    expect((await t.http.get('/api/v1/users/me', { token: admin.token })).body).toMatchObject({ role: 'admin', status: 'active' });
  });

  it('refuses customers on every admin route with 403', async () => {
    const customer = await newCustomer(t.http);
    const someone = await newCustomer(t.http);
    const token = customer.token;
    const replies = await Promise.all([
      t.http.get('/api/v1/users', { token }),
      t.http.get(`/api/v1/users/${someone.userId}`, { token }),
      t.http.patch(`/api/v1/users/${someone.userId}`, { status: 'disabled' }, { token }),
      t.http.patch(`/api/v1/users/${customer.userId}`, { role: 'admin' }, { token }),
    ]);
    expect(replies.map((r) => r.status)).toEqual([403, 403, 403, 403]);
  });
});
