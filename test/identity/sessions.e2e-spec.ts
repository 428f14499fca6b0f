import { createHash } from 'node:crypto';
import { MikroORM } from '../support/built';
import { logIn, newCustomer, PASSWORD } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Sessions: refresh rotation, logout, password change', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const me = (token: string) => t.http.get('/api/v1/users/me', { token });
  const refresh = (refreshToken: string) => t.http.post('/api/v1/auth/refresh', { refreshToken });

  it('stores refresh tokens only as hashes', async () => {
    const customer = await newCustomer(t.http);
    const rotated = (await refresh(customer.refreshToken)).body.refreshToken as string;
    const secretOf = (token: string) => token.split('.')[1];
    const rows = await t.app.get(MikroORM).em.getConnection().execute('select * from sessions where user_id = ?', [customer.userId]);
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows);
    for (const token of [customer.refreshToken, rotated]) expect(stored).not.toContain(secretOf(token));
    expect(stored).toContain(createHash('sha256').update(rotated).digest('hex'));
  });

  it('rotates: the new pair works and the spent refresh token is refused', async () => {
    const customer = await newCustomer(t.http);
    const rotated = await refresh(customer.refreshToken);
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(customer.refreshToken);
    expect((await me(rotated.body.accessToken)).status).toBe(200);
    expect((await refresh(customer.refreshToken)).status).toBe(401);
  });

  it('ends the whole session when a spent refresh token comes back', async () => {
    const customer = await newCustomer(t.http);
    const rotated = await refresh(customer.refreshToken);
    expect((await refresh(customer.refreshToken)).status).toBe(401); // the reuse
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
    const afterReuse = await me(rotated.body.accessToken);
    expect(afterReuse.status).toBe(401);
    expect(afterReuse.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  // The session id is no secret (every access token carries it as `sid`): a token made up around it ended the session.
  it('refuses a refresh token made up around a session id, and ends no session for it', async () => {
    const customer = await newCustomer(t.http);
    const { sid } = JSON.parse(Buffer.from(customer.token.split('.')[1], 'base64url').toString('utf8')) as { sid: string };
    const secretOf = (token: string) => token.split('.')[1];
    const flipped = (secret: string) => `${secret[0] === 'A' ? 'B' : 'A'}${secret.slice(1)}`;
    for (const forged of [`${sid}.${'x'.repeat(43)}`, `${sid}.${flipped(secretOf(customer.refreshToken))}`]) {
      expect((await refresh(forged)).status).toBe(401);
    }
    expect((await me(customer.token)).status).toBe(200);
    expect((await refresh(customer.refreshToken)).status).toBe(200);
  });

  it('lets exactly one of two concurrent refreshes with the same token win, and then ends the session', async () => {
    const customer = await newCustomer(t.http);
    const replies = await Promise.all([refresh(customer.refreshToken), refresh(customer.refreshToken)]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 401]);
    const winner = replies.find((r) => r.status === 200)!;
    expect((await refresh(winner.body.refreshToken)).status).toBe(401);
  });

  it('logs out at once: the access and refresh tokens stop working', async () => {
    const customer = await newCustomer(t.http);
    const out = await t.http.post('/api/v1/auth/logout', undefined, { token: customer.token });
    expect(out.status).toBe(204);
    expect((await me(customer.token)).status).toBe(401);
    expect((await refresh(customer.refreshToken)).status).toBe(401);
  });

  // Clients send their bearer with every request: a stale one must not stop them from getting a fresh one.
  it('reads no bearer on the routes open to anyone but those that answer some callers more', async () => {
    const customer = await newCustomer(t.http);
    const stale = customer.token;
    expect((await t.http.post('/api/v1/auth/logout', undefined, { token: stale })).status).toBe(204);
    for (const token of [stale, 'not.a.token']) {
      const session = await logIn(t.http, customer.email, PASSWORD);
      expect((await t.http.post('/api/v1/auth/refresh', { refreshToken: session.refreshToken }, { token })).status).toBe(200);
      expect((await t.http.post('/api/v1/auth/login', { email: customer.email, password: PASSWORD }, { token })).status).toBe(200);
      // A wrong password beside it is the password's fault, not the token's: no invalid_token challenge.
      const wrong = await t.http.post('/api/v1/auth/login', { email: customer.email, password: 'not the password at all' }, { token });
      expect([wrong.status, wrong.headers['www-authenticate']]).toEqual([401, 'Bearer']);
      expect((await t.http.get('/health/live', { token })).status).toBe(200);
      // The catalogue shows admins more, so a token sent there is checked.
      const products = await t.http.get('/api/v1/products', { token });
      expect(products.status).toBe(401);
      expect(products.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    }
  });

  it('refuses garbage and unknown refresh tokens', async () => {
    expect((await refresh('garbage')).status).toBe(401);
    expect((await refresh('01937c5e-8a4b-7cde-9f01-23456789abcd.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(401);
  });

  it('refuses a token whose session id is no UUID with a 401, not the 500 the uuid column answered it with', async () => {
    const secret = 'A'.repeat(43);
    for (const sessionId of ['-'.repeat(36), '0'.repeat(36), '01937c5e8a4b7cde9f0123456789abcd----', '01937C5E-8A4B-7CDE-9F01-23456789ABCD']) {
      const reply = await refresh(`${sessionId}.${secret}`);
      expect({ sessionId, status: reply.status, type: reply.body.type }).toEqual({ sessionId, status: 401, type: expect.stringMatching(/invalid-refresh-token$/) });
    }
  });

  it('a password change ends every other session, keeps this one, and the new password works', async () => {
    const customer = await newCustomer(t.http);
    const other = await logIn(t.http, customer.email, PASSWORD);
    const changed = await t.http.post(
      '/api/v1/users/me/password',
      { currentPassword: PASSWORD, newPassword: 'an entirely new passphrase' },
      { token: customer.token },
    );
    expect(changed.status).toBe(204);
    expect((await me(other.token)).status).toBe(401);
    expect((await refresh(other.refreshToken)).status).toBe(401);
    expect((await me(customer.token)).status).toBe(200);
    expect((await t.http.post('/api/v1/auth/login', { email: customer.email, password: PASSWORD })).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/login', { email: customer.email, password: 'an entirely new passphrase' })).status).toBe(200);
  });

  it('refuses a password change with the wrong current password', async () => {
    const customer = await newCustomer(t.http);
    const reply = await t.http.post(
      '/api/v1/users/me/password',
      { currentPassword: 'not my passphrase at all', newPassword: 'an entirely new passphrase' },
      { token: customer.token },
    );
    expect(reply.status).toBe(400);
    expect((await me(customer.token)).status).toBe(200);
  });
});
