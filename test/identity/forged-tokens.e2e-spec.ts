import { sign } from 'jsonwebtoken';
import { newCustomer } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

const SECRET = 'test-secret-that-is-long-enough-to-sign-tokens';
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('Forged and misused access tokens', () => {
  let t: TestApp;
  let claims: { sub: string; sid: string; role: string; iss: string; aud: string };
  let genuine: string;
  let refreshToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    const customer = await newCustomer(t.http);
    genuine = customer.token;
    refreshToken = customer.refreshToken;
    claims = JSON.parse(Buffer.from(genuine.split('.')[1], 'base64url').toString());
  });
  afterAll(() => t.close());

  const signed = (payload: object, options: { secret?: string; typ?: string; expiresIn?: number } = {}) =>
    sign(payload, options.secret ?? SECRET, { algorithm: 'HS256', header: { alg: 'HS256', typ: options.typ ?? 'at+jwt' }, ...(options.expiresIn !== undefined ? { expiresIn: options.expiresIn } : {}) });

  const inTenMinutes = () => Math.floor(Date.now() / 1000) + 600;

  it('accepts the genuine token, and one signed here with every claim right (the baselines for the refusals below)', async () => {
    expect((await t.http.get('/api/v1/users/me', { token: genuine })).status).toBe(200);
    expect((await t.http.get('/api/v1/users/me', { token: signed({ ...claims, exp: inTenMinutes() }) })).status).toBe(200);
  });

  const forgeries: Array<[string, () => string]> = [
    ['alg none', () => `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(claims)}.`],
    ['a changed payload with the old signature', () => {
      const [header, , signature] = genuine.split('.');
      return `${header}.${b64({ ...claims, role: 'admin' })}.${signature}`;
    }],
    ['a token signed with another key', () => signed({ ...claims }, { secret: 'another-secret-of-sufficient-length!!' })],
    ['a token that never expires (no exp)', () => signed({ sub: claims.sub, sid: claims.sid, role: claims.role, iss: claims.iss, aud: claims.aud })],
    ['an expired token', () => signed({ ...claims, exp: Math.floor(Date.now() / 1000) - 60, iat: Math.floor(Date.now() / 1000) - 1000 })],
    ['a token of another type', () => signed({ ...claims, exp: inTenMinutes() }, { typ: 'JWT' })],
    ['a token for another audience', () => signed({ ...claims, aud: 'someone-else', exp: inTenMinutes() })],
    ['a token from another issuer', () => signed({ ...claims, iss: 'someone-else', exp: inTenMinutes() })],
    ['a token without an issuer', () => signed({ sub: claims.sub, sid: claims.sid, role: claims.role, aud: claims.aud, exp: inTenMinutes() })],
    ['a token without an audience', () => signed({ sub: claims.sub, sid: claims.sid, role: claims.role, iss: claims.iss, exp: inTenMinutes() })],
    ['the refresh token used as an access token', () => refreshToken],
    ['garbage', () => 'not.a.token'],
  ];

  it.each(forgeries)('refuses %s with 401 and an invalid_token challenge', async (_name, forge) => {
    const reply = await t.http.get('/api/v1/users/me', { token: forge() });
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(reply.body.status).toBe(401);
  });

  it('asks for a token where none was sent', async () => {
    const reply = await t.http.get('/api/v1/users/me');
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toBe('Bearer');
  });
});
